package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkprop.train.GradientSum;

/** The arithmetic of the per-update cost breakdown. */
class UpdateCostWindowTest {

  private static UpdateCost cost(int update, double wallMs, double computeMs) {
    return new UpdateCost(update, (long) (wallMs * 1e6), (long) (computeMs * 1e6),
        100_000, 4_953);
  }

  @Test
  void sparkCostIsWallMinusTheLongestTasksCompute() {
    assertEquals(7_000_000, cost(1, 12, 5).sparkNanos());
    GradientSum a = new GradientSum();
    a.taskTimes(10, 3_000);
    GradientSum b = new GradientSum();
    b.taskTimes(40, 2_000);
    GradientSum total = new GradientSum().merge(a).merge(b);
    assertEquals(40, total.readNanos());
    assertEquals(3_000, total.computeNanos());
  }

  @Test
  void windowMeansMedianAndBounds() {
    List<UpdateCost> costs = new ArrayList<>();
    // Updates 1..10: wall 10 + u ms, compute u/2 ms, so Spark's cost is 10 + u/2 ms.
    for (int u = 10; u >= 1; u--) {
      costs.add(cost(u, 10 + u, u / 2.0));
    }
    UpdateCostWindow w = UpdateCostWindow.of("w", 3, 6, costs, Map.of());
    assertEquals(4, w.updates());
    assertEquals(14.5, w.wallMs(), 1e-9); // (13 + 14 + 15 + 16) / 4
    assertEquals(2.25, w.computeMs(), 1e-9); // (1.5 + 2 + 2.5 + 3) / 4
    assertEquals(12.25, w.sparkMs(), 1e-9);
    assertEquals(12.25, w.sparkMedianMs(), 1e-9); // between 12.0 and 12.5
    assertEquals(0.1, w.readMs(), 1e-9);
    assertEquals(4_953, w.broadcastBytes(), 1e-9);
    assertTrue(Double.isNaN(w.jobMs()), "no Spark figures, no mean");
    assertEquals(11.0, UpdateCostWindow.of("odd", 1, 3, costs, Map.of()).sparkMedianMs(), 1e-9);
    assertNull(UpdateCostWindow.of("none", 11, 20, costs, Map.of()));
  }

  @Test
  void sparkFiguresAreAveragedOverTheJobsReported() {
    List<UpdateCost> costs = List.of(cost(1, 20, 5), cost(2, 30, 5), cost(3, 40, 5));
    JobTasks one = JobTasks.NONE.withTask(1, 2, 6, 1, 0, 3, 1_000)
        .withTask(4, 1, 5, 2, 0, 1, 2_000).withJobMs(18);
    JobTasks three = JobTasks.NONE.withTask(3, 4, 8, 1, 5, 7, 500).withJobMs(26);
    UpdateCostWindow w = UpdateCostWindow.of("all", 1, 3, costs, Map.of(1, one, 3, three));
    assertEquals(3, w.updates());
    assertEquals(22.0, w.jobMs(), 1e-9);
    assertEquals(3.5, w.launchDelayMs(), 1e-9); // max(1, 4) = 4 and 3
    assertEquals(3.0, w.deserializeMs(), 1e-9); // 2 and 4
    assertEquals(7.0, w.runMs(), 1e-9); // 6 and 8
    assertEquals(1.5, w.resultSerializeMs(), 1e-9); // 2 and 1
    assertEquals(2.5, w.gettingResultMs(), 1e-9); // 0 and 5
    assertEquals(5.0, w.schedulerDelayMs(), 1e-9); // 3 and 7
    assertEquals(1_750, w.resultBytes(), 1e-9); // 3,000 and 500 bytes in all
    assertEquals(2, one.tasks());
  }

  @Test
  void schedulerDelayIsWhatNoOtherPartExplains() {
    assertEquals(4, JobTasks.schedulerDelay(20, 3, 10, 2, 1));
    assertEquals(0, JobTasks.schedulerDelay(10, 3, 10, 2, 1), "never below zero");
  }
}
