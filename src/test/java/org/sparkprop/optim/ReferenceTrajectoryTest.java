package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Every optimizer against its published update rule, written out here again in double precision
 * (the expectations never call the code under test): a few steps on fixed gradients with sign
 * changes, a coordinate whose gradient is 0 for the first steps, and an all-zero gradient; once
 * with the 3-argument update (rate scale 1) and once with per-step rate multipliers, one of them 0.
 */
class ReferenceTrajectoryTest {

  static final double[] THETA0 = {1.5, -2.0, 0.75};
  static final double[][] G = {
      {0.5, -1.25, 0},
      {-0.75, 0.5, 0},
      {1.5, 0.25, 2.0},
      {0, 0, 0},
      {-2.0, 1.0, -0.5},
      {0.25, -0.125, 0.75},
      {1.0, -1.5, -1.0},
      {-0.5, 2.0, 0.25},
  };
  static final double[] SCALES = {1, 0.5, 1, 2, 0.25, 0, 1.5, 1};
  static final double RELATIVE = 1e-6;
  static final double ABSOLUTE = 1e-9;

  /** One step of the reference rule on θ (double) with state arrays of its own; t from 1. */
  interface Rule {
    void step(double[] theta, double[] g, int t, double scale);
  }

  /** Runs the optimizer and the reference side by side and compares Θ after every step. */
  static void check(Optimizer opt, Rule reference, boolean scaled) {
    float[] theta = new float[THETA0.length];
    double[] expected = THETA0.clone();
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) THETA0[i];
    }
    OptimizerState state = opt.init(theta.length);
    for (int t = 1; t <= G.length; t++) {
      float[] g = new float[G[t - 1].length];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) G[t - 1][i];
      }
      double scale = scaled ? SCALES[t - 1] : 1;
      if (scaled) {
        opt.update(theta, g, state, (float) scale);
      } else {
        opt.update(theta, g, state);
      }
      reference.step(expected, G[t - 1], t, scale);
      assertEquals(t, state.step(), opt + ": step count");
      for (int i = 0; i < theta.length; i++) {
        double tol = RELATIVE * Math.abs(expected[i]) + ABSOLUTE;
        if (!(Math.abs(theta[i] - expected[i]) <= tol)) {
          fail(opt + (scaled ? " with rate scales" : "") + ": step " + t + ", theta[" + i + "] is "
              + theta[i] + ", the published rule gives " + expected[i]);
        }
      }
    }
  }

  static void both(Optimizer opt, java.util.function.Supplier<Rule> reference) {
    check(opt, reference.get(), false);
    check(opt, reference.get(), true);
  }

  @Test
  void sgd() {
    double rho = 0.1f;
    both(new GradientDescent(0.1f), () -> (th, g, t, s) -> {
      for (int i = 0; i < th.length; i++) {
        th[i] -= s * rho * g[i];
      }
    });
  }

  @Test
  void momentum() {
    double rho = 0.05f;
    double nu = 0.8f;
    both(new Momentum(0.05f, 0.8f), () -> {
      double[] v = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          v[i] = nu * v[i] - s * rho * g[i];
          th[i] += v[i];
        }
      };
    });
  }

  @Test
  void nesterov() {
    double rho = 0.05f;
    double nu = 0.8f;
    // Bengio et al. 2013: θ ← θ − ν·v_old + (1 + ν)·v_new, v_new = ν·v_old − ρ·g.
    both(new Nesterov(0.05f, 0.8f), () -> {
      double[] v = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          double old = v[i];
          v[i] = nu * old - s * rho * g[i];
          th[i] += -nu * old + (1 + nu) * v[i];
        }
      };
    });
  }

  @Test
  void adagrad() {
    double rho = 0.1f;
    double eps = 1e-3f;
    both(new Adagrad(0.1f, 1e-3f), () -> {
      double[] sum = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          sum[i] += g[i] * g[i];
          th[i] -= s * rho * g[i] / (Math.sqrt(sum[i]) + eps);
        }
      };
    });
  }

  @Test
  void adadelta() {
    double rho = 0.5f;
    double gamma = 0.9f;
    double eps = 1e-3f;
    both(new Adadelta(0.5f, 0.9f, 1e-3f), () -> {
      double[] eg = new double[3];
      double[] ed = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          eg[i] = gamma * eg[i] + (1 - gamma) * g[i] * g[i];
          double delta = -Math.sqrt(ed[i] + eps) / Math.sqrt(eg[i] + eps) * g[i];
          ed[i] = gamma * ed[i] + (1 - gamma) * delta * delta;
          th[i] += s * rho * delta;
        }
      };
    });
  }

  @Test
  void rmsprop() {
    double rho = 0.05f;
    double beta = 0.8f;
    double eps = 1e-3f;
    both(new RmsProp(0.05f, 0.8f, 1e-3f), () -> {
      double[] ms = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          ms[i] = beta * ms[i] + (1 - beta) * g[i] * g[i];
          th[i] -= s * rho * g[i] / (Math.sqrt(ms[i]) + eps);
        }
      };
    });
  }

  @Test
  void adam() {
    double rho = 0.05f;
    double b1 = 0.8f;
    double b2 = 0.95f;
    double eps = 1e-3f;
    both(new Adam(0.05f, 0.8f, 0.95f, 1e-3f), () -> {
      double[] m = new double[3];
      double[] v = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          double mHat = m[i] / (1 - Math.pow(b1, t));
          double vHat = v[i] / (1 - Math.pow(b2, t));
          th[i] -= s * rho * mHat / (Math.sqrt(vHat) + eps);
        }
      };
    });
  }

  @Test
  void adamWithPaperDefaults() {
    both(new Adam(0.001f, 0.9f, 0.999f, 1e-8f), () -> {
      double[] m = new double[3];
      double[] v = new double[3];
      double b1 = 0.9f;
      double b2 = 0.999f;
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          double mHat = m[i] / (1 - Math.pow(b1, t));
          double vHat = v[i] / (1 - Math.pow(b2, t));
          th[i] -= s * (double) 0.001f * mHat / (Math.sqrt(vHat) + (double) 1e-8f);
        }
      };
    });
  }

  @Test
  void adamax() {
    double rho = 0.05f;
    double b1 = 0.8f;
    double b2 = 0.95f;
    both(new Adamax(0.05f, 0.8f, 0.95f), () -> {
      double[] m = new double[3];
      double[] u = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
          if (u[i] != 0) { // the paper's rule is 0/0 there; nothing has moved this parameter yet
            th[i] -= s * rho / (1 - Math.pow(b1, t)) * m[i] / u[i];
          }
        }
      };
    });
  }

  /**
   * Where u = 0 Adamax takes no step (the paper's rule is 0/0 there), also when m ≠ 0 (β2 = 0 and
   * a zero gradient after a nonzero one); any u > 0, however small, takes the rule's step.
   */
  @Test
  void adamaxSkipsExactlyTheParametersWhoseUIsZero() {
    Adamax opt = new Adamax(0.1f, 0.9f, 0f);
    float[] theta = {0.5f, -0.25f, 2f};
    OptimizerState state = opt.init(3);
    opt.update(theta, new float[] {0f, 1f, 1e-40f}, state, 1f);
    assertEquals(0.5f, theta[0], 0f, "a parameter whose gradients were all 0 stays put");
    // t = 1: rate = ρ/(1 − β1^1), m = (1 − β1)·g, u = |g|: a step of (rate·m)/u, in float as the
    // optimizer computes it, subnormal u included.
    float rate = (float) ((double) 0.1f / (1 - Math.pow(0.9f, 1)));
    float k1 = 1f - 0.9f;
    assertEquals(-0.25f - rate * (k1 * 1f) / 1f, theta[1], 0f);
    assertEquals(2f - rate * (k1 * 1e-40f) / 1e-40f, theta[2], 0f);
    float[] afterFirst = theta.clone();
    opt.update(theta, new float[] {0f, 0f, 0f}, state, 1f);
    for (int i = 0; i < 3; i++) {
      assertFalse(Float.isNaN(theta[i]));
      assertEquals(afterFirst[i], theta[i], 0f, "u = 0 (β2 = 0, g = 0) but m ≠ 0: no step");
    }
  }

  @Test
  void nadam() {
    double rho = 0.05f;
    double b1 = 0.8f;
    double b2 = 0.95f;
    double eps = 1e-3f;
    // Dozat 2016 with μ_t = β1 for every t (the products of μ are powers of β1).
    both(new Nadam(0.05f, 0.8f, 0.95f, 1e-3f), () -> {
      double[] m = new double[3];
      double[] v = new double[3];
      return (th, g, t, s) -> {
        for (int i = 0; i < th.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          double mHat = b1 * m[i] / (1 - Math.pow(b1, t + 1)) + (1 - b1) * g[i] / (1 - Math.pow(b1, t));
          double vHat = v[i] / (1 - Math.pow(b2, t));
          th[i] -= s * rho * mHat / (Math.sqrt(vHat) + eps);
        }
      };
    });
  }

  /**
   * The comparison discriminates: the known shipped bug (multiplying by √v̂ + ε instead of
   * dividing) written as a reference does not match the Adam under test.
   */
  @Test
  void theComparisonCatchesAMultipliedSquareRoot() {
    double rho = 0.05f;
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () ->
        check(new Adam(0.05f, 0.8f, 0.95f, 1e-3f), new Rule() {
          final double[] m = new double[3];
          final double[] v = new double[3];

          @Override
          public void step(double[] th, double[] g, int t, double s) {
            for (int i = 0; i < th.length; i++) {
              m[i] = 0.8f * m[i] + (1 - (double) 0.8f) * g[i];
              v[i] = 0.95f * v[i] + (1 - (double) 0.95f) * g[i] * g[i];
              double mHat = m[i] / (1 - Math.pow(0.8f, t));
              double vHat = v[i] / (1 - Math.pow(0.95f, t));
              th[i] -= s * rho * mHat * (Math.sqrt(vHat) + 1e-3f); // the shipped bug
            }
          }
        }, false));
  }
}
