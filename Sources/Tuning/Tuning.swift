/// The `Tuning` bounded context; see ../shared/DESIGN.md.
public enum TuningModule {}
