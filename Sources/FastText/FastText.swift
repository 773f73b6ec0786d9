/// The `FastText` bounded context; see ../shared/DESIGN.md.
public enum FastTextModule {}
