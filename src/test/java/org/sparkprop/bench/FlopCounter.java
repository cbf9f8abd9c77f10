package org.sparkprop.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH secondary result: floating-point operations done, which JMH reports as a rate
 * ({@code :flop} in ops/s, i.e. FLOP/s) next to each benchmark's throughput.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {

  /** FLOP counted so far in this iteration (public: JMH reads it). */
  public long flop;

  @Setup(Level.Iteration)
  public void reset() {
    flop = 0;
  }
}
