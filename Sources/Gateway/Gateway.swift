/// The `Gateway` bounded context; see ../shared/DESIGN.md.
public enum GatewayModule {}
