package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  /** ½·Σ a_i·(θ_i − c_i)² with a_i log-spaced over [lo, hi]. */
  static Function<float[], LossAndGradient> quadratic(double[] a, double[] c) {
    return theta -> {
      double loss = 0;
      float[] g = new float[theta.length];
      for (int i = 0; i < theta.length; i++) {
        double r = theta[i] - c[i];
        loss += 0.5 * a[i] * r * r;
        g[i] = (float) (a[i] * r);
      }
      return new LossAndGradient(loss, g);
    };
  }

  /** Rosenbrock's function 100·(y − x²)² + (1 − x)², minimum 0 at (1, 1). */
  static final Function<float[], LossAndGradient> ROSENBROCK = theta -> {
    double x = theta[0];
    double y = theta[1];
    double r = y - x * x;
    double loss = 100 * r * r + (1 - x) * (1 - x);
    float[] g = {(float) (-400 * x * r - 2 * (1 - x)), (float) (200 * r)};
    return new LossAndGradient(loss, g);
  };

  static double maxDistance(float[] theta, double[] c) {
    double err = 0;
    for (int i = 0; i < theta.length; i++) {
      err = Math.max(err, Math.abs(theta[i] - c[i]));
    }
    return err;
  }

  /**
   * ½·Σ a_i·(θ_i − c_i)², a_i log-spaced over [0.1, 10], d = 10, m = 10. For comparison, SciPy's
   * L-BFGS-B (maxcor 10) needs 30 iterations to ‖g‖ < 1e-5 on this problem.
   */
  @Test
  void convergesOnAQuadraticInFewIterations() {
    int d = 10;
    double[] a = new double[d];
    double[] c = new double[d];
    for (int i = 0; i < d; i++) {
      a[i] = 0.1 * Math.pow(100, i / (double) (d - 1));
      c[i] = Math.sin(i + 1);
    }
    Lbfgs lbfgs = new Lbfgs();
    float[] theta = new float[d];
    Lbfgs.State state = lbfgs.init(d);
    Lbfgs.Iteration last = lbfgs.minimize(theta, quadratic(a, c), state, 45, 1e-6);
    assertTrue(last.gradientNorm() <= 1e-6, "gradient norm " + last.gradientNorm() + " after "
        + state.iterations() + " iterations");
    assertTrue(maxDistance(theta, c) <= 1e-5, "distance " + maxDistance(theta, c));
    assertTrue(state.evaluations() <= 2 * state.iterations() + 1,
        "evaluations " + state.evaluations() + " for " + state.iterations() + " iterations");
  }

  /**
   * The two-loop recursion equals −H·g with H from the dense BFGS inverse update (N&W eq. 6.17),
   * H ← (I − ρ·s·yᵀ)·H·(I − ρ·y·sᵀ) + ρ·s·sᵀ, applied to the kept pairs oldest first from
   * H₀ = γ·I (γ = sᵀy/yᵀy of the newest pair).
   */
  @Test
  void twoLoopRecursionEqualsTheDenseBfgsInverseUpdate() {
    int n = 5;
    int memory = 3;
    java.util.Random random = new java.util.Random(7);
    double[][] spd = new double[n][n];
    double[][] b = new double[n][n];
    for (double[] row : b) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          spd[i][j] += b[k][i] * b[k][j];
        }
      }
      spd[i][i] += 0.5;
    }
    Lbfgs.State state = new Lbfgs(memory).init(n);
    java.util.List<float[][]> pairs = new java.util.ArrayList<>();
    for (int p = 0; p < 5; p++) { // 5 pairs pushed, the last 3 kept
      float[] s = new float[n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = (float) random.nextGaussian();
      }
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += spd[i][j] * s[j];
        }
        y[i] = (float) sum;
      }
      double ys = 0;
      for (int i = 0; i < n; i++) {
        ys += (double) y[i] * s[i];
      }
      state.push(s, y, ys);
      pairs.add(new float[][] {s, y});
    }
    assertEquals(memory, state.history());
    java.util.List<float[][]> kept = pairs.subList(pairs.size() - memory, pairs.size());
    float[] newestS = kept.get(memory - 1)[0];
    float[] newestY = kept.get(memory - 1)[1];
    double sy = 0;
    double yy = 0;
    for (int i = 0; i < n; i++) {
      sy += (double) newestS[i] * newestY[i];
      yy += (double) newestY[i] * newestY[i];
    }
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      h[i][i] = sy / yy;
    }
    for (float[][] pair : kept) {
      double[] s = new double[n];
      double[] y = new double[n];
      double dot = 0;
      for (int i = 0; i < n; i++) {
        s[i] = pair[0][i];
        y[i] = pair[1][i];
        dot += s[i] * y[i];
      }
      double rho = 1 / dot;
      double[][] left = new double[n][n]; // I − ρ·s·yᵀ
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          left[i][j] = (i == j ? 1 : 0) - rho * s[i] * y[j];
        }
      }
      double[][] next = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
              sum += left[i][k] * h[k][l] * left[j][l]; // (I − ρ y sᵀ) = leftᵀ
            }
          }
          next[i][j] = sum + rho * s[i] * s[j];
        }
      }
      h = next;
    }
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) random.nextGaussian();
    }
    double[] d = Lbfgs.direction(g, state);
    for (int i = 0; i < n; i++) {
      double expected = 0;
      for (int j = 0; j < n; j++) {
        expected -= h[i][j] * g[j];
      }
      assertEquals(expected, d[i], 1e-9 * Math.max(1, Math.abs(expected)), "component " + i);
    }
  }

  @Test
  void aTwoDimensionalQuadraticIsSolvedAlmostExactlyInAFewSteps() {
    double[] a = {1, 10};
    double[] c = {3, -2};
    Lbfgs lbfgs = new Lbfgs(5);
    float[] theta = {0, 0};
    Lbfgs.State state = lbfgs.init(2);
    lbfgs.minimize(theta, quadratic(a, c), state, 10, 1e-6);
    assertTrue(state.iterations() <= 8, "iterations " + state.iterations());
    assertTrue(maxDistance(theta, c) <= 1e-6, "distance " + maxDistance(theta, c));
  }

  @Test
  void convergesOnRosenbrockFromTheClassicStart() {
    Lbfgs lbfgs = new Lbfgs();
    float[] theta = {-1.2f, 1f};
    Lbfgs.State state = lbfgs.init(2);
    Lbfgs.Iteration last = lbfgs.minimize(theta, ROSENBROCK, state, 200, 1e-4);
    assertTrue(maxDistance(theta, new double[] {1, 1}) <= 1e-4,
        "ended at (" + theta[0] + ", " + theta[1] + ") after " + state.iterations()
            + " iterations: " + last);
    assertTrue(state.iterations() <= 100, "iterations " + state.iterations());
    assertTrue(last.loss() <= 1e-8, "loss " + last.loss());
  }

  @Test
  void everyStepDecreasesTheLossOnRosenbrock() {
    Lbfgs lbfgs = new Lbfgs(3);
    float[] theta = {-1.2f, 1f};
    Lbfgs.State state = lbfgs.init(2);
    double previous = ROSENBROCK.apply(theta).loss();
    for (int k = 0; k < 20; k++) {
      Lbfgs.Iteration it = lbfgs.iterate(theta, ROSENBROCK, state);
      assertTrue(it.loss() < previous, "iteration " + k + ": " + it + " after " + previous);
      assertEquals(ROSENBROCK.apply(theta).loss(), it.loss(), 0, "reported loss is at the new theta");
      previous = it.loss();
    }
    assertTrue(state.history() == 3, "keeps m = 3 pairs, has " + state.history());
  }

  /**
   * q = ½·0.01·(θ − 100)² from 0: the first trial step α = 1 meets sufficient decrease but not
   * the curvature condition |q'(α)| ≤ c2·|q'(0)| (it needs α ≥ 10), so the search extrapolates.
   */
  @Test
  void theLineSearchExtrapolatesWhenTheFirstTrialIsTooShort() {
    Lbfgs lbfgs = new Lbfgs();
    float[] theta = {0f};
    Lbfgs.Iteration it = lbfgs.iterate(theta,
        quadratic(new double[] {0.01}, new double[] {100}), lbfgs.init(1));
    assertEquals(Lbfgs.Status.STEPPED, it.status());
    assertTrue(it.stepLength() >= 10 && it.stepLength() <= 190, "step " + it.stepLength());
    assertEquals(it.stepLength(), theta[0], 1e-4);
  }

  @Test
  void atAMinimumItReportsConvergenceAndDoesNotMove() {
    Lbfgs lbfgs = new Lbfgs();
    float[] theta = {1f, 1f};
    Lbfgs.State state = lbfgs.init(2);
    Lbfgs.Iteration it = lbfgs.iterate(theta, ROSENBROCK, state);
    assertEquals(Lbfgs.Status.CONVERGED, it.status());
    assertEquals(1f, theta[0]);
    assertEquals(1f, theta[1]);
  }

  @Test
  void validatesItsSettings() {
    assertEquals("setting lbfgsMemory is '0'; it must be an integer >= 1",
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0)).getMessage());
    assertEquals("c1 is 0.0; it must be in (0, 1)", assertThrows(IllegalArgumentException.class,
        () -> new Lbfgs(10, 0, 0.9, 20)).getMessage());
    assertEquals("c2 is 1e-5; it must be in (c1, 1) = (1e-4, 1)",
        assertThrows(IllegalArgumentException.class,
            () -> new Lbfgs(10, 1e-4, 1e-5, 20)).getMessage());
    assertEquals("Lbfgs(memory=10, c1=1e-4, c2=0.9, maxLineSearchEvaluations=25)",
        new Lbfgs().toString());
  }
}
