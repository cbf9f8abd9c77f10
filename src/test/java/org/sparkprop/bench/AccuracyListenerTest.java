package org.sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An epoch's training time ends where the loop says the epoch ended, even when a barrier stage
 * tells several epochs at once at its end, and leaves out only the listener's own time before it.
 */
class AccuracyListenerTest {

  private static final long S = 1_000_000_000L;

  @Test
  void epochsToldTogetherKeepTheEndsTheLoopReports() {
    long start = 100 * S;
    long loopStart = start + S / 2;
    List<long[]> calls = new ArrayList<>();
    // Epoch 1 ends 1 s into the loop and is told at once; the listener then takes 0.25 s.
    assertEquals(1.5, AccuracyListener.trainingSeconds(start, loopStart, 1.0, loopStart + S,
        calls), 1e-9);
    calls.add(new long[] {loopStart + S, S / 4});
    // Epochs 2 and 3 end at 2 s and 3 s (the 0.25 s included) but are told together at 5 s.
    assertEquals(2.25, AccuracyListener.trainingSeconds(start, loopStart, 2.0, loopStart + 5 * S,
        calls), 1e-9);
    calls.add(new long[] {loopStart + 5 * S, S / 4});
    assertEquals(3.25, AccuracyListener.trainingSeconds(start, loopStart, 3.0,
        loopStart + 5 * S + S / 4, calls), 1e-9);
  }

  @Test
  void withoutTheLoopsStartTheMomentItIsToldCounts() {
    List<long[]> calls = new ArrayList<>();
    calls.add(new long[] {2 * S, S / 2});
    assertEquals(2.5, AccuracyListener.trainingSeconds(0, 0, 99, 3 * S, calls), 1e-9);
    // A reported end later than the moment it is told (clock rounding) is cut to that moment.
    assertEquals(2.5, AccuracyListener.trainingSeconds(0, S, 5.0, 3 * S, calls), 1e-9);
  }
}
