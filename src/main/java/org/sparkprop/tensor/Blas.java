package org.sparkprop.tensor;

import dev.ludovic.netlib.blas.BLAS;
import java.util.logging.Logger;

/**
 * The BLAS implementation every dense kernel goes through: Spark's own {@code dev.ludovic.netlib},
 * which picks native BLAS (OpenBLAS via {@code libblas.so.3}) when the system has it, then the
 * JDK Vector API, then pure Java. The choice decides throughput by an order of magnitude, so it is
 * logged once per JVM and can be reported in run summaries.
 */
public final class Blas {

  private static final Logger LOG = Logger.getLogger(Blas.class.getName());
  private static final BLAS INSTANCE = BLAS.getInstance();
  private static volatile boolean logged;

  private Blas() {}

  /** The BLAS instance for the kernels of this JVM (logs which one on first use). */
  public static BLAS get() {
    if (!logged) {
      logChoice();
    }
    return INSTANCE;
  }

  /** Simple class name of the implementation in use, e.g. {@code JNIBLAS} or {@code VectorBLAS}. */
  public static String implementation() {
    return INSTANCE.getClass().getSimpleName();
  }

  /** True when the kernels run in a native library (JNIBLAS over the system's libblas.so.3). */
  public static boolean isNative() {
    return implementation().contains("JNI");
  }

  /** Logs the implementation in use; a pure-Java fallback is a warning because it is ~8× slower. */
  public static synchronized void logChoice() {
    if (logged) {
      return;
    }
    logged = true;
    String name = implementation();
    if (isNative()) {
      LOG.info("BLAS: " + name + " (native libblas.so.3)");
    } else {
      LOG.warning("BLAS: " + name + " — no native BLAS found, falling back to Java kernels;"
          + " install OpenBLAS (apt-get install libopenblas0-pthread) for full speed");
    }
  }
}
