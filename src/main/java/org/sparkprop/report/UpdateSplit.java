package org.sparkprop.report;

import java.io.Serializable;
import org.sparkprop.spark.UpdateCostWindow;

/**
 * Where a window of updates spent its time, in milliseconds per update: the wall time, the
 * longest task's compute, and the rest (Spark: scheduling, shipping Θ and the sums).
 */
public record UpdateSplit(String window, int from, int to, double wallMs, double computeMs,
    double sparkMs) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The split of a measured window ({@code --profile}). */
  public static UpdateSplit of(UpdateCostWindow w) {
    return new UpdateSplit(w.name(), w.from(), w.to(), w.wallMs(), w.computeMs(), w.sparkMs());
  }
}
