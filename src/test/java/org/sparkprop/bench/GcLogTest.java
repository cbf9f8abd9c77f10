package org.sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GcLog reads the pauses of G1's unified log lines and skips everything else. */
class GcLogTest {

  private static final List<String> LINES = List.of(
      "[0.012s][info][gc,init] Heap Max Capacity: 512M",
      "[1.523s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->16M(380M)"
          + " 4.113ms",
      "[1.523s][info][gc,heap     ] GC(0) Eden regions: 25->0(22)",
      "[3.926s][info][gc          ] GC(5) Pause Cleanup 25M->25M(94M) 0.087ms",
      "[14.589s][info][gc          ] GC(19) Pause Young (Concurrent Start) (G1 Humongous"
          + " Allocation) 54M->49M(94M) 11.633ms",
      "[20.100s][info][gc          ] GC(30) Pause Full (System.gc()) 2G->900K(3G) 120.5ms",
      "[21.224s][info][gc          ] GC(31) Concurrent Mark Cycle 35.210ms");

  @Test
  void readsEveryPauseWithItsHeapFigures() {
    List<GcLog.Pause> pauses = GcLog.parse(LINES);
    assertEquals(4, pauses.size());
    assertEquals(new GcLog.Pause(1.523, "Pause Young (Normal) (G1 Evacuation Pause)",
        25L << 20, 16L << 20, 380L << 20), pauses.get(0));
    assertEquals("Pause Cleanup", pauses.get(1).kind());
    assertEquals(49L << 20, pauses.get(2).after());
    assertEquals(new GcLog.Pause(20.1, "Pause Full (System.gc())", 2L << 30, 900L << 10,
        3L << 30), pauses.get(3));
  }

  @Test
  void peaksAreTheLargestFigures() {
    List<GcLog.Pause> pauses = GcLog.parse(LINES.subList(0, 5));
    assertEquals(49L << 20, GcLog.peakAfter(pauses));
    assertEquals(54L << 20, GcLog.peakBefore(pauses));
    assertEquals(380L << 20, GcLog.peakCommitted(pauses));
    assertEquals(0, GcLog.peakAfter(List.of()));
  }
}
