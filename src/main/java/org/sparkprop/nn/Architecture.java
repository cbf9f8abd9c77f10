package org.sparkprop.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a network has beyond plain stacked layers (docs/equations.md,
 * docs/architectures.md), per layer k = 0 … L:
 *
 * @param topology which earlier layers each layer reads and adds (skip and residual connections)
 * @param dropout drop-out rate p_k of each hidden layer's output in training (0: none; 0 for the
 *     input and output layers); see {@link Dropout}
 * @param normalization layer or batch normalization of each hidden layer's output
 * @param standardize whether the inputs are standardized inside the model with the training
 *     set's μ_j and σ_j² (docs/equations.md, Normalization; see {@link Standardization})
 * @param epsilon the ε under the square roots of standardization, layer and batch normalization
 * @param momentum the weight of the newest mini-batch in batch normalization's running mean and
 *     variance: r ← (1 − m)·r + m·r_B
 */
public record Architecture(Topology topology, float[] dropout, Normalization[] normalization,
    boolean standardize, float epsilon, float momentum) implements Serializable {

  /** ε of Ioffe &amp; Szegedy's and Ba et al.'s reference implementations. */
  public static final float DEFAULT_EPSILON = 1e-5f;

  /** The usual running-average momentum of batch normalization. */
  public static final float DEFAULT_MOMENTUM = 0.1f;

  public Architecture {
    if (topology == null || dropout == null || normalization == null) {
      throw new IllegalArgumentException("architecture needs a topology, dropout rates and"
          + " normalizations");
    }
    int layers = topology.depth() + 1;
    if (dropout.length != layers || normalization.length != layers) {
      throw new IllegalArgumentException("architecture: dropout and normalization need one entry"
          + " per layer 0.." + topology.depth());
    }
    dropout = dropout.clone();
    normalization = normalization.clone();
    for (int k = 0; k < layers; k++) {
      if (!(dropout[k] >= 0f && dropout[k] < 1f)) {
        throw new IllegalArgumentException("dropout of layer " + k + " is " + dropout[k]
            + "; a drop-out rate must be in [0, 1)");
      }
      boolean hidden = k > 0 && k < layers - 1;
      if (!hidden && dropout[k] != 0f) {
        throw new IllegalArgumentException("dropout applies to hidden layers (1.." + (layers - 2)
            + "), not to layer " + k);
      }
      if (normalization[k] == null) {
        normalization[k] = Normalization.NONE;
      }
      if (!hidden && normalization[k] != Normalization.NONE) {
        throw new IllegalArgumentException(normalization[k].label()
            + " applies to hidden layers (1.." + (layers - 2) + "), not to layer " + k);
      }
    }
    if (!(epsilon > 0f) || Float.isInfinite(epsilon)) {
      throw new IllegalArgumentException("normEpsilon is " + epsilon
          + "; it must be a finite number > 0");
    }
    if (!(momentum > 0f && momentum <= 1f)) {
      throw new IllegalArgumentException("batchNormMomentum is " + momentum
          + "; it must be in (0, 1]");
    }
  }

  /** The plain multilayer perceptron of {@code depth} weight layers. */
  public static Architecture plain(int depth) {
    int layers = Math.max(depth + 1, 0);
    Normalization[] none = new Normalization[layers];
    Arrays.fill(none, Normalization.NONE);
    return new Architecture(Topology.plain(depth), new float[layers], none, false,
        DEFAULT_EPSILON, DEFAULT_MOMENTUM);
  }

  /** Number of weight layers L. */
  public int depth() {
    return topology.depth();
  }

  /** True when nothing goes beyond the plain multilayer perceptron. */
  public boolean isPlain() {
    if (!topology.isPlain() || standardize) {
      return false;
    }
    for (int k = 0; k < dropout.length; k++) {
      if (dropout[k] != 0f || normalization[k] != Normalization.NONE) {
        return false;
      }
    }
    return true;
  }

  /** p_k. */
  public float dropout(int k) {
    return dropout[k];
  }

  /** The normalization of layer k. */
  public Normalization normalization(int k) {
    return normalization[k];
  }

  @Override
  public float[] dropout() {
    return dropout.clone();
  }

  @Override
  public Normalization[] normalization() {
    return normalization.clone();
  }

  public Architecture withTopology(Topology t) {
    return new Architecture(t, dropout, normalization, standardize, epsilon, momentum);
  }

  /** The same with drop-out rate p on every hidden layer. */
  public Architecture withDropout(float p) {
    float[] rates = new float[dropout.length];
    for (int k = 1; k < rates.length - 1; k++) {
      rates[k] = p;
    }
    return withDropout(rates);
  }

  /** The same with these per-layer drop-out rates (layers 0 … L). */
  public Architecture withDropout(float[] rates) {
    return new Architecture(topology, rates, normalization, standardize, epsilon, momentum);
  }

  /** The same with normalization {@code kind} on hidden layer k. */
  public Architecture withNormalization(int k, Normalization kind) {
    Normalization[] n = normalization.clone();
    n[k] = kind;
    return withNormalization(n);
  }

  /** The same with these per-layer normalizations (layers 0 … L). */
  public Architecture withNormalization(Normalization[] kinds) {
    return new Architecture(topology, dropout, kinds, standardize, epsilon, momentum);
  }

  public Architecture withStandardize(boolean on) {
    return new Architecture(topology, dropout, normalization, on, epsilon, momentum);
  }

  public Architecture withEpsilon(float e) {
    return new Architecture(topology, dropout, normalization, standardize, e, momentum);
  }

  public Architecture withMomentum(float m) {
    return new Architecture(topology, dropout, normalization, standardize, epsilon, m);
  }

  /**
   * Parses the {@code dropout} setting: one rate for every hidden layer ({@code 0.2}) or one per
   * hidden layer ({@code 0.1,0.3}); returns rates for layers 0 … L.
   */
  public static float[] parseDropout(String text, int depth) {
    String[] parts = text.trim().split(",");
    float[] rates = new float[depth + 1];
    int hidden = depth - 1;
    if (parts.length != 1 && parts.length != hidden) {
      throw new IllegalArgumentException("dropout is '" + text + "'; give one rate for every"
          + " hidden layer or one per hidden layer (" + hidden + " values)");
    }
    for (int n = 0; n < parts.length; n++) {
      float p;
      try {
        p = Float.parseFloat(parts[n].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("dropout is '" + text + "': '" + parts[n].trim()
            + "' is not a number; rates are in [0, 1)");
      }
      if (!(p >= 0f && p < 1f)) {
        throw new IllegalArgumentException("dropout is '" + text + "': rate " + p
            + " is outside [0, 1)");
      }
      if (parts.length == 1) {
        for (int k = 1; k < depth; k++) {
          rates[k] = p;
        }
      } else {
        rates[n + 1] = p;
      }
    }
    if (hidden == 0 && rates.length > 0 && parts.length == 1 && Float.parseFloat(parts[0]) > 0f) {
      throw new IllegalArgumentException("dropout is '" + text + "' but the network has no"
          + " hidden layer");
    }
    return rates;
  }

  /**
   * Parses a {@code layerNorm} or {@code batchNorm} setting: {@code true} (every hidden layer),
   * {@code false}, or a list of hidden layers ({@code 1,3}); returns a flag per layer 0 … L.
   */
  public static boolean[] parseLayers(String setting, String text, int depth) {
    boolean[] on = new boolean[depth + 1];
    String v = text.trim().toLowerCase();
    if (v.equals("false") || v.equals("no") || v.isEmpty()) {
      return on;
    }
    if (v.equals("true") || v.equals("yes")) {
      if (depth < 2) {
        throw new IllegalArgumentException(setting + " is true but the network has no hidden"
            + " layer");
      }
      for (int k = 1; k < depth; k++) {
        on[k] = true;
      }
      return on;
    }
    for (String part : v.split(",")) {
      int k;
      try {
        k = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting + " is '" + text + "'; it must be true,"
            + " false or a list of hidden layers like 1,2");
      }
      if (k < 1 || k >= depth) {
        throw new IllegalArgumentException(setting + " is '" + text + "': layer " + k
            + " is not a hidden layer (1.." + (depth - 1) + ")");
      }
      on[k] = true;
    }
    return on;
  }

  /** The setting value listing the hidden layers with normalization {@code kind} ("" if none). */
  public String layersWith(Normalization kind) {
    List<String> layers = new ArrayList<>();
    for (int k = 0; k < normalization.length; k++) {
      if (normalization[k] == kind) {
        layers.add(Integer.toString(k));
      }
    }
    return String.join(",", layers);
  }

  /** The {@code dropout} setting value for these rates (one per hidden layer). */
  public String dropoutText() {
    if (dropout.length <= 2) {
      return "0";
    }
    List<String> rates = new ArrayList<>();
    for (int k = 1; k < dropout.length - 1; k++) {
      rates.add(Float.toString(dropout[k]));
    }
    return String.join(",", rates);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture a && topology.equals(a.topology)
        && Arrays.equals(dropout, a.dropout) && Arrays.equals(normalization, a.normalization)
        && standardize == a.standardize && epsilon == a.epsilon && momentum == a.momentum;
  }

  @Override
  public int hashCode() {
    return ((topology.hashCode() * 31 + Arrays.hashCode(dropout)) * 31
        + Arrays.hashCode(normalization)) * 31 + (standardize ? 1 : 0)
        + Float.hashCode(epsilon) * 7 + Float.hashCode(momentum);
  }

  /** A short description of what goes beyond the plain perceptron ("" when plain). */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    String t = topology.toString();
    if (!t.isEmpty()) {
      parts.add(t);
    }
    boolean drops = false;
    for (float p : dropout) {
      drops |= p > 0f;
    }
    if (drops) {
      parts.add("dropout " + dropoutText());
    }
    if (!layersWith(Normalization.LAYER).isEmpty()) {
      parts.add("layerNorm " + layersWith(Normalization.LAYER));
    }
    if (!layersWith(Normalization.BATCH).isEmpty()) {
      parts.add("batchNorm " + layersWith(Normalization.BATCH));
    }
    if (standardize) {
      parts.add("standardized inputs");
    }
    return String.join(", ", parts);
  }
}
