/// The `NeuralNet` bounded context; see ../shared/DESIGN.md.
public enum NeuralNetModule {}
