/// The `Storage` bounded context; see ../shared/DESIGN.md.
public enum StorageModule {}
