package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every optimizer minimizes q(Θ) = ½·Σ a_i·(θ_i − c_i)², a_i log-spaced over [0.1, 10] (condition
 * number 100), from Θ = 0, and is within the tolerance (max-norm distance to c) after exactly the
 * given number of steps (so it converged and stayed there).
 *
 * <p>Where a default does not get there: sgd's default step 0.2 sits at the stability limit 2/a of
 * the largest curvature (a = 10), where gradient descent oscillates, so sgd runs at a small step
 * (0.01, slow on curvature 0.1) and at 0.15; adagrad's default is slow on curvature 0.1, so a larger
 * step is used too; Adadelta with ρ = 1 is not stable at a minimum whose curvature exceeds
 * 2 (near g = 0 its rate √(E[Δ²]+ε)/√(E[g²]+ε) tends to 1, and for a > 2 a 2-cycle grows), so it
 * uses ρ = 0.1 or ρ = 1 decayed by a cosine schedule; RMSprop with a constant ρ ends in an
 * oscillation of amplitude about ρ/2 (0.0015 at its default 0.003), so its tolerance is ρ-sized
 * unless ρ is decayed.
 */
class QuadraticConvergenceTest {

  static final int D = 10;
  static final double[] A = new double[D];
  static final double[] C = new double[D];

  static {
    for (int i = 0; i < D; i++) {
      A[i] = 0.1 * Math.pow(100, i / (double) (D - 1));
      C[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + 0.05 * i);
    }
  }

  /** Runs {@code steps} updates (with schedule factors if one is given, 10 epochs) and returns max |θ − c|. */
  static double run(Optimizer opt, int steps, Schedule schedule) {
    float[] theta = new float[D];
    float[] g = new float[D];
    OptimizerState state = opt.init(D);
    int perEpoch = Math.max(1, steps / 10);
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < D; i++) {
        g[i] = (float) (A[i] * (theta[i] - C[i]));
      }
      if (schedule == null) {
        opt.update(theta, g, state);
      } else {
        opt.update(theta, g, state,
            (float) schedule.factor(t / perEpoch, (t % perEpoch + 1) / (double) perEpoch));
      }
    }
    double err = 0;
    for (int i = 0; i < D; i++) {
      err = Math.max(err, Math.abs(theta[i] - C[i]));
    }
    return err;
  }

  @ParameterizedTest(name = "{0} stepSize={1} {3}")
  @CsvSource({
      // name, stepSize (NaN: default), steps, schedule, tolerance
      "sgd,      0.01, 10000, none, 1e-4",
      "sgd,      0.15,  1000, none, 1e-4",
      "momentum, NaN,   2000, none, 1e-4",
      "nag,      NaN,   2000, none, 1e-4",
      "adagrad,  NaN,  40000, none, 1e-3",
      "adagrad,  0.5,    300, none, 1e-4",
      "adadelta, 0.1,   3000, none, 1e-4",
      "adadelta, NaN,   1000, cosine, 1e-4",
      "rmsprop,  NaN,   3000, none, 2e-3",
      "rmsprop,  0.01,   300, cosine, 1e-4",
      "adam,     NaN,   5000, none, 1e-4",
      "adam,     0.05,   500, warmup-cosine, 1e-4",
      "adamax,   NaN,   3000, none, 1e-4",
      "nadam,    NaN,   3000, none, 1e-4",
  })
  void converges(String name, double stepSize, int steps, String schedule, double tolerance) {
    Optimizer opt = Optimizers.parse(name, OptimizerSettings.DEFAULTS.withStepSize(stepSize));
    Schedule s = switch (schedule) {
      case "none" -> null;
      case "cosine" -> Schedule.cosine(10, 0);
      case "warmup-cosine" -> Schedule.cosine(9, 0).withWarmup(1);
      default -> throw new IllegalArgumentException(schedule);
    };
    double err = run(opt, steps, s);
    assertTrue(err <= tolerance, opt + " with " + schedule + " schedule after " + steps
        + " steps is " + err + " from the minimum; tolerance " + tolerance);
  }
}
