/// The `Policy` bounded context; see ../shared/DESIGN.md.
public enum PolicyModule {}
