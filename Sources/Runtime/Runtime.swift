/// The `Runtime` bounded context; see ../shared/DESIGN.md.
public enum RuntimeModule {}
