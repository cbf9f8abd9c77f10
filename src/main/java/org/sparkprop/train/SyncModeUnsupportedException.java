package org.sparkprop.train;

/** The {@code sync} setting names a mode this fit cannot run. */
public final class SyncModeUnsupportedException extends UnsupportedOperationException {

  private static final long serialVersionUID = 1L;

  private final SyncMode mode;

  public SyncModeUnsupportedException(SyncMode mode) {
    super("setting sync is '" + mode + "': this mode is not available; use step, barrier or"
        + " auto");
    this.mode = mode;
  }

  /** The mode asked for. */
  public SyncMode mode() {
    return mode;
  }

  /** The setting's name. */
  public String setting() {
    return "sync";
  }
}
