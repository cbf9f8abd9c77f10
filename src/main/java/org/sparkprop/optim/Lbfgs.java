package org.sparkprop.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Full-batch limited-memory BFGS: one call of {@link #iterate} is one iteration of Nocedal &amp;
 * Wright, <i>Numerical Optimization</i> (2nd ed., 2006), Algorithm 7.5 —
 * <pre>
 *   d = −H·g                     two-loop recursion, Algorithm 7.4, over the last m pairs (s, y),
 *                                with H₀ = γ·I, γ = sᵀy / yᵀy of the newest pair (eq. 7.20)
 *   α: strong Wolfe line search  Algorithms 3.5 and 3.6 (cubic interpolation, eq. 3.59):
 *                                q(Θ + αd) ≤ q(Θ) + c1·α·gᵀd  and  |∇q(Θ + αd)ᵀd| ≤ c2·|gᵀd|
 *   s = Θ' − Θ,  y = ∇q(Θ') − ∇q(Θ),  keep (s, y) if sᵀy > 0 (dropping the oldest beyond m)
 * </pre>
 * Liu &amp; Nocedal, "On the limited memory BFGS method for large scale optimization", Math.
 * Programming 45 (1989). The first trial step is 1, except with no history (first iteration or
 * after a reset), where it is min(1, 1/‖g‖₂). If the direction is not a descent direction or the
 * line search finds no decrease, the history is dropped and the iteration is retried once along
 * −g.
 *
 * <p>It needs the loss for the line search, so it is not an {@link Optimizer}: it takes the
 * objective Θ ↦ (q(Θ), ∇q(Θ)) (e.g. the mean loss over the whole training set, evaluated by the
 * Spark gradient source), calls it a few times per iteration, and keeps its history in an
 * explicit {@link State}. Θ is float32 like everywhere else; dot products are summed in double.
 *
 * @param memory m, the number of (s, y) pairs kept, >= 1
 * @param c1 the sufficient-decrease constant, in (0, 1)
 * @param c2 the curvature constant, in (c1, 1)
 * @param maxLineSearchEvaluations objective evaluations allowed per line search, >= 1
 */
public record Lbfgs(int memory, double c1, double c2, int maxLineSearchEvaluations)
    implements Serializable {

  public static final int DEFAULT_MEMORY = 10;
  public static final double DEFAULT_C1 = 1e-4;
  public static final double DEFAULT_C2 = 0.9;
  public static final int DEFAULT_MAX_LINE_SEARCH_EVALUATIONS = 25;

  public Lbfgs {
    Check.atLeast("lbfgsMemory", memory, 1);
    if (!(c1 > 0 && c1 < 1)) {
      throw new IllegalArgumentException("c1 is " + Check.format(c1) + "; it must be in (0, 1)");
    }
    if (!(c2 > c1 && c2 < 1)) {
      throw new IllegalArgumentException("c2 is " + Check.format(c2) + "; it must be in (c1, 1) = ("
          + Check.format(c1) + ", 1)");
    }
    Check.atLeast("maxLineSearchEvaluations", maxLineSearchEvaluations, 1);
  }

  /** m = 10, c1 = 1e-4, c2 = 0.9, 25 evaluations per line search. */
  public Lbfgs() {
    this(DEFAULT_MEMORY);
  }

  /** The given memory with the default line search. */
  public Lbfgs(int memory) {
    this(memory, DEFAULT_C1, DEFAULT_C2, DEFAULT_MAX_LINE_SEARCH_EVALUATIONS);
  }

  /** How an iteration ended. */
  public enum Status {
    /** Θ moved to a point satisfying the strong Wolfe conditions. */
    STEPPED,
    /** Θ moved to a point of sufficient decrease where the curvature condition was not met. */
    STEPPED_ARMIJO_ONLY,
    /** The gradient at Θ is zero: Θ was not moved. */
    CONVERGED,
    /** No decrease was found even along −g (e.g. at float precision): Θ was not moved. */
    LINE_SEARCH_FAILED
  }

  /**
   * What one iteration did.
   *
   * @param iteration the iteration count after it (from 1)
   * @param loss q at Θ after it
   * @param gradientNorm ‖∇q‖₂ at Θ after it
   * @param stepLength α (0 if Θ was not moved)
   * @param evaluations objective evaluations it made
   * @param status how it ended
   */
  public record Iteration(long iteration, double loss, double gradientNorm, double stepLength,
      int evaluations, Status status) {}

  /** The (s, y) history, the loss and gradient at the current Θ, and the counters. */
  public static final class State implements Serializable {
    private final int size;
    private final float[][] s;
    private final float[][] y;
    private final double[] rho;
    private int count;
    private int newest = -1;
    private float[] theta;
    private float[] gradient;
    private double loss = Double.NaN;
    private long iterations;
    private long evaluations;

    State(int size, int memory) {
      Check.count("size", size);
      this.size = size;
      this.s = new float[memory][];
      this.y = new float[memory][];
      this.rho = new double[memory];
    }

    /** How many (s, y) pairs are kept now. */
    public int history() {
      return count;
    }

    /** Iterations done. */
    public long iterations() {
      return iterations;
    }

    /** Objective evaluations done. */
    public long evaluations() {
      return evaluations;
    }

    /** q at the last Θ evaluated by an iteration (NaN before the first). */
    public double loss() {
      return loss;
    }

    /** Drops the (s, y) history (the next iteration is a steepest-descent one). */
    public void reset() {
      count = 0;
      newest = -1;
    }

    void push(float[] sk, float[] yk, double ys) {
      newest = (newest + 1) % s.length;
      s[newest] = sk;
      y[newest] = yk;
      rho[newest] = 1 / ys;
      count = Math.min(count + 1, s.length);
    }
  }

  /** The state before the first iteration, for Θ of {@code size} entries. */
  public State init(int size) {
    return new State(size, memory);
  }

  /**
   * One L-BFGS iteration: moves {@code theta} in place and advances {@code state}. The objective
   * is evaluated at Θ first unless the state already holds its value there (from the previous
   * iteration); it must not keep or modify the array it is given.
   */
  public Iteration iterate(float[] theta, Function<float[], LossAndGradient> objective, State state) {
    Evaluator f = new Evaluator(objective, state);
    current(theta, f, state);
    state.iterations++;
    double gnorm = Math.sqrt(dot(state.gradient, state.gradient));
    if (gnorm == 0) {
      return new Iteration(state.iterations, state.loss, 0, 0, f.count, Status.CONVERGED);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      boolean steepest = state.count == 0;
      double[] d = direction(state.gradient, state);
      double dg0 = dot(d, state.gradient);
      if (!(dg0 < 0)) {
        if (steepest) {
          break;
        }
        state.reset();
        continue;
      }
      double alpha0 = steepest ? Math.min(1, 1 / gnorm) : 1;
      Point start = new Point(0, state.loss, dg0, state.theta, state.gradient);
      Point end = lineSearch(start, d, alpha0, f);
      if (end == null) {
        if (steepest) {
          break;
        }
        state.reset();
        continue;
      }
      accept(theta, state, end);
      boolean wolfe = Math.abs(end.df) <= -c2 * dg0;
      return new Iteration(state.iterations, end.f, Math.sqrt(dot(end.g, end.g)), end.alpha,
          f.count, wolfe ? Status.STEPPED : Status.STEPPED_ARMIJO_ONLY);
    }
    return new Iteration(state.iterations, state.loss, gnorm, 0, f.count, Status.LINE_SEARCH_FAILED);
  }

  /**
   * Iterates until ‖∇q(Θ)‖₂ ≤ {@code gradientTolerance}, {@code maxIterations} iterations, or a
   * failed line search; returns the last iteration (whose {@code gradientNorm} tells whether the
   * tolerance was met), or, if Θ already met it, a record with status {@link Status#CONVERGED}
   * and step 0.
   */
  public Iteration minimize(float[] theta, Function<float[], LossAndGradient> objective,
      State state, int maxIterations, double gradientTolerance) {
    Check.atLeast("maxIterations", maxIterations, 0);
    Check.nonNegative("gradientTolerance", gradientTolerance);
    Evaluator f = new Evaluator(objective, state);
    current(theta, f, state);
    double gnorm = Math.sqrt(dot(state.gradient, state.gradient));
    Iteration last = new Iteration(state.iterations, state.loss, gnorm, 0, f.count,
        gnorm <= gradientTolerance ? Status.CONVERGED : Status.STEPPED);
    for (int k = 0; k < maxIterations && last.gradientNorm() > gradientTolerance; k++) {
      last = iterate(theta, objective, state);
      if (last.status() == Status.LINE_SEARCH_FAILED || last.status() == Status.CONVERGED) {
        break;
      }
    }
    return last;
  }

  @Override
  public String toString() {
    return "Lbfgs(memory=" + memory + ", c1=" + Check.format(c1) + ", c2=" + Check.format(c2)
        + ", maxLineSearchEvaluations=" + maxLineSearchEvaluations + ")";
  }

  // ---------------------------------------------------------------------------------------------

  /** One evaluated point of the line φ(α) = q(Θ + α·d). */
  private record Point(double alpha, double f, double df, float[] theta, float[] g) {}

  /** Calls the objective, copying what goes in and out, and counts the calls. */
  private static final class Evaluator {
    final Function<float[], LossAndGradient> objective;
    final State state;
    int count;

    Evaluator(Function<float[], LossAndGradient> objective, State state) {
      this.objective = objective;
      this.state = state;
    }

    LossAndGradient at(float[] theta) {
      LossAndGradient r = objective.apply(theta.clone());
      if (r == null || r.gradient().length != state.size) {
        throw new IllegalArgumentException("the objective returned "
            + (r == null ? "null" : "a gradient of " + r.gradient().length + " entries")
            + " for theta of " + state.size);
      }
      count++;
      state.evaluations++;
      return new LossAndGradient(r.loss(), r.gradient().clone());
    }
  }

  /** Makes sure the state holds q and ∇q at {@code theta}. */
  private static void current(float[] theta, Evaluator f, State state) {
    if (theta.length != state.size) {
      throw new IllegalArgumentException("theta has " + theta.length
          + " entries and the L-BFGS state " + state.size + "; they must be equal");
    }
    if (state.gradient == null || !Arrays.equals(theta, state.theta)) {
      LossAndGradient r = f.at(theta);
      state.theta = theta.clone();
      state.gradient = r.gradient();
      state.loss = r.loss();
    }
  }

  /** The two-loop recursion (N&amp;W Algorithm 7.4): d = −H·g with H from the state's history. */
  static double[] direction(float[] gradient, State st) {
    int n = st.size;
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = gradient[i];
    }
    int m = st.s.length;
    double[] a = new double[m];
    for (int k = 0, idx = st.newest; k < st.count; k++, idx = (idx - 1 + m) % m) {
      a[idx] = st.rho[idx] * dot(q, st.s[idx]);
      axpy(-a[idx], st.y[idx], q);
    }
    if (st.count > 0) {
      float[] yn = st.y[st.newest];
      double gamma = 1 / (st.rho[st.newest] * dot(yn, yn));
      for (int i = 0; i < n; i++) {
        q[i] *= gamma;
      }
    }
    int oldest = (st.newest - st.count + 1 + m) % m;
    for (int k = 0, idx = oldest; k < st.count; k++, idx = (idx + 1) % m) {
      double b = st.rho[idx] * dot(q, st.y[idx]);
      axpy(a[idx] - b, st.s[idx], q);
    }
    for (int i = 0; i < n; i++) {
      q[i] = -q[i];
    }
    return q;
  }

  /** Strong Wolfe line search (N&amp;W Algorithm 3.5); null if no point of sufficient decrease. */
  private Point lineSearch(Point start, double[] d, double alpha0, Evaluator f) {
    int budget = f.count + maxLineSearchEvaluations;
    Point prev = start;
    double alpha = alpha0;
    for (int i = 0; f.count < budget; i++) {
      Point p = evaluate(start, d, alpha, f);
      if (p == null) {
        return null;
      }
      if (!armijo(start, p) || (i > 0 && p.f >= prev.f)) {
        return zoom(start, prev, p, d, f, budget);
      }
      if (Math.abs(p.df) <= -c2 * start.df) {
        return p;
      }
      if (p.df >= 0) {
        return zoom(start, p, prev, d, f, budget);
      }
      prev = p;
      alpha *= 2;
    }
    return prev.alpha > 0 ? prev : null;
  }

  /** N&amp;W Algorithm 3.6 between lo (sufficient decrease, lowest q so far) and hi. */
  private Point zoom(Point start, Point lo, Point hi, double[] d, Evaluator f, int budget) {
    while (f.count < budget) {
      double width = Math.abs(hi.alpha - lo.alpha);
      if (width <= 1e-12 * Math.max(lo.alpha, hi.alpha)) {
        break;
      }
      double alpha = cubicMinimizer(lo, hi);
      double left = Math.min(lo.alpha, hi.alpha);
      double right = Math.max(lo.alpha, hi.alpha);
      if (!(alpha >= left + 0.1 * width && alpha <= right - 0.1 * width)) {
        alpha = 0.5 * (lo.alpha + hi.alpha);
      }
      Point p = evaluate(start, d, alpha, f);
      if (p == null) {
        break;
      }
      if (!armijo(start, p) || p.f >= lo.f) {
        hi = p;
      } else {
        if (Math.abs(p.df) <= -c2 * start.df) {
          return p;
        }
        if (p.df * (hi.alpha - lo.alpha) >= 0) {
          hi = lo;
        }
        lo = p;
      }
    }
    return lo.alpha > 0 ? lo : null;
  }

  /** The minimizer of the cubic through (a, f_a, f'_a) and (b, f_b, f'_b) (N&amp;W eq. 3.59). */
  private static double cubicMinimizer(Point a, Point b) {
    double d1 = a.df + b.df - 3 * (a.f - b.f) / (a.alpha - b.alpha);
    double radicand = d1 * d1 - a.df * b.df;
    if (!(radicand >= 0)) {
      return Double.NaN;
    }
    double d2 = Math.signum(b.alpha - a.alpha) * Math.sqrt(radicand);
    return b.alpha - (b.alpha - a.alpha) * (b.df + d2 - d1) / (b.df - a.df + 2 * d2);
  }

  private boolean armijo(Point start, Point p) {
    return p.f <= start.f + c1 * p.alpha * start.df;
  }

  /** φ(α) and φ'(α); null if Θ + α·d rounds to Θ in float (no further progress is possible). */
  private static Point evaluate(Point start, double[] d, double alpha, Evaluator f) {
    float[] t = new float[start.theta.length];
    boolean moved = false;
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) (start.theta[i] + alpha * d[i]);
      moved |= t[i] != start.theta[i];
    }
    if (!moved) {
      return null;
    }
    LossAndGradient r = f.at(t);
    return new Point(alpha, r.loss(), dot(d, r.gradient()), t, r.gradient());
  }

  /** Moves Θ to the accepted point and records the pair (s, y). */
  private static void accept(float[] theta, State state, Point end) {
    int n = theta.length;
    float[] s = new float[n];
    float[] y = new float[n];
    double ys = 0;
    for (int i = 0; i < n; i++) {
      s[i] = end.theta[i] - state.theta[i];
      y[i] = end.g[i] - state.gradient[i];
      ys += (double) s[i] * y[i];
    }
    if (ys > 0 && Double.isFinite(ys) && Double.isFinite(dot(y, y))) {
      state.push(s, y, ys);
    }
    System.arraycopy(end.theta, 0, theta, 0, n);
    state.theta = end.theta;
    state.gradient = end.g;
    state.loss = end.f;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static double dot(double[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, float[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }
}
