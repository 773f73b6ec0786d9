/// The `Tensor` bounded context; see ../shared/DESIGN.md.
public enum TensorModule {}
