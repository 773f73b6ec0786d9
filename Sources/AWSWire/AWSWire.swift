/// The `AWSWire` bounded context; see ../shared/DESIGN.md.
public enum AWSWireModule {}
