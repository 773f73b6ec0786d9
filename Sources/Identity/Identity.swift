/// The `Identity` bounded context; see ../shared/DESIGN.md.
public enum IdentityModule {}
