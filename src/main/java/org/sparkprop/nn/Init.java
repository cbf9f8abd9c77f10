package org.sparkprop.nn;

import java.io.Serializable;

/**
 * How initial weights are drawn (biases always start at 0), setting {@code init}:
 * <ul>
 *   <li>{@code xavier} — Glorot &amp; Bengio (2010): U(−a, a), a = √(6/(M_{k−1}+M_k)), or with
 *       {@code xavier_normal} N(0, 2/(M_{k−1}+M_k)); keeps the variance of s^k and δ^k alike
 *       through saturating units (tanh, sigmoid, softsign);
 *   <li>{@code he} — He et al. (2015): N(0, 2/M_{k−1}), or {@code he_uniform} U(−a, a) with
 *       a = √(6/M_{k−1}); compensates for the half of the inputs that a ReLU zeroes;
 *   <li>{@code uniform} — U(−r, r) with r = {@code initRange};
 *   <li>{@code mllib} — the weight scale of MLlib's perceptron: U(−a, a), a = 2.4/√M_{k−1}
 *       (LeCun's bound for sigmoid units); the default of the Estimator as MLlib's;
 *   <li>{@code auto} (default) — He for layers feeding a rectifier (ReLU, LeakyReLU, PReLU, ELU),
 *       Glorot otherwise.
 * </ul>
 * The fan-in of a layer that reads several layers is the width of their concatenation.
 */
public sealed interface Init extends Serializable {

  /** Glorot, uniform or normal. */
  record Xavier(boolean normal) implements Init {
    @Override
    public double scale(int fanIn, int fanOut) {
      return normal ? Math.sqrt(2.0 / (fanIn + fanOut)) : Math.sqrt(6.0 / (fanIn + fanOut));
    }

    @Override
    public String label() {
      return normal ? "xavier_normal" : "xavier";
    }
  }

  /** He, normal or uniform. */
  record He(boolean normal) implements Init {
    @Override
    public double scale(int fanIn, int fanOut) {
      return normal ? Math.sqrt(2.0 / fanIn) : Math.sqrt(6.0 / fanIn);
    }

    @Override
    public String label() {
      return normal ? "he" : "he_uniform";
    }
  }

  /** U(−range, range). */
  record Uniform(double range) implements Init {
    public Uniform {
      if (!(range > 0) || Double.isInfinite(range)) {
        throw new IllegalArgumentException("initRange is " + range + "; it must be a finite number > 0");
      }
    }

    @Override
    public boolean normal() {
      return false;
    }

    @Override
    public double scale(int fanIn, int fanOut) {
      return range;
    }

    @Override
    public String label() {
      return "uniform(" + range + ")";
    }
  }

  /** MLlib's perceptron: U(−2.4/√fanIn, 2.4/√fanIn). */
  record Mllib() implements Init {
    @Override
    public boolean normal() {
      return false;
    }

    @Override
    public double scale(int fanIn, int fanOut) {
      return 2.4 / Math.sqrt(fanIn);
    }

    @Override
    public String label() {
      return "mllib";
    }
  }

  /** He for ReLU layers, Glorot uniform for the others. */
  record Auto() implements Init {
    @Override
    public boolean normal() {
      throw new IllegalStateException("auto resolves per layer");
    }

    @Override
    public double scale(int fanIn, int fanOut) {
      throw new IllegalStateException("auto resolves per layer");
    }

    @Override
    public String label() {
      return "auto";
    }
  }

  /** True for a normal N(0, scale²) draw, false for U(−scale, scale). */
  boolean normal();

  /** The deviation (normal) or bound (uniform) for a layer with these fans. */
  double scale(int fanIn, int fanOut);

  /** The setting value naming this scheme. */
  String label();

  /** The concrete scheme for layer k of {@code spec} (resolves {@code auto}). */
  default Init forLayer(NetworkSpec spec, int k) {
    if (this instanceof Auto) {
      return spec.activation(k).rectifier() ? new He(true) : new Xavier(false);
    }
    return this;
  }

  /** Parses {@code init} (with {@code initRange} for uniform). */
  static Init parse(String name, double range) {
    return switch (name.trim().toLowerCase()) {
      case "auto" -> new Auto();
      case "xavier", "glorot", "xavier_uniform", "glorot_uniform" -> new Xavier(false);
      case "xavier_normal", "glorot_normal" -> new Xavier(true);
      case "he", "he_normal" -> new He(true);
      case "he_uniform" -> new He(false);
      case "uniform" -> new Uniform(range);
      case "mllib" -> new Mllib();
      default -> throw new IllegalArgumentException("unknown init '" + name
          + "'; known: auto, xavier, xavier_normal, he, he_uniform, uniform, mllib");
    };
  }
}
