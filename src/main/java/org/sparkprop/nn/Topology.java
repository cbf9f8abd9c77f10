package org.sparkprop.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which earlier layers each layer reads, and which it adds to its output: feed-forward
 * networks and residual connections.
 *
 * <p>Feed-forward connections (docs/equations.md, Forward pass): layer k reads the
 * concatenation of the outputs of the layers in {@code inputs[k]}, all earlier than k (0 is the
 * input layer), through one weight block θ^{k',k} per layer read:
 * <pre>
 *   φ^k_i = θ^k_i0 + Σ_{k' ∈ inputs(k)} Σ_{j=1}^{M_k'} θ^{k',k}_ij s^{k'}_j
 * </pre>
 * The multilayer perceptron is the case inputs(k) = {k − 1}. Reading only earlier layers is what
 * makes the graph acyclic: a layer that read itself or a later layer would need its own output
 * before computing it.
 *
 * <p>Residual connections (He, Zhang, Ren &amp; Sun 2016): when layers
 * a+1 … b implement s^a → f(s^a) and M_a = M_b, the block's output becomes f(s^a) + s^a, i.e.
 * s^b ← s^b + s^a. {@code residual[b]} lists the a's added to layer b.
 *
 * <p>Settings syntax: {@code connections = 2<-0,1; 3<-1,2} (layer 2 reads layers 0 and 1, layer 3
 * reads 1 and 2; other layers keep k − 1) and {@code residual = 1-3; 3-5}.
 */
public record Topology(int[][] inputs, int[][] residual) implements Serializable {

  public Topology {
    if (inputs.length != residual.length) {
      throw new IllegalArgumentException("inputs and residual must cover the same layers");
    }
    inputs = deepCopy(inputs);
    residual = deepCopy(residual);
  }

  /** The multilayer perceptron of {@code depth} weight layers: layer k reads layer k − 1. */
  public static Topology plain(int depth) {
    int layers = Math.max(depth + 1, 0);
    int[][] inputs = new int[layers][];
    int[][] residual = new int[layers][];
    for (int k = 0; k < layers; k++) {
      inputs[k] = k == 0 ? new int[0] : new int[] {k - 1};
      residual[k] = new int[0];
    }
    return new Topology(inputs, residual);
  }

  /** Number of weight layers L. */
  public int depth() {
    return inputs.length - 1;
  }

  /** The layers that layer k reads, ascending. */
  public int[] inputs(int k) {
    return inputs[k].clone();
  }

  /** How many layers layer k reads. */
  public int inputCount(int k) {
    return inputs[k].length;
  }

  /** The n-th layer that layer k reads (ascending order). */
  public int input(int k, int n) {
    return inputs[k][n];
  }

  /** How many layers' outputs are added to layer k's output. */
  public int residualCount(int k) {
    return residual[k].length;
  }

  /** The n-th layer (ascending) whose output is added to layer k's output. */
  public int residualSource(int k, int n) {
    return residual[k][n];
  }

  /** The layers whose outputs are added to layer k's output, ascending. */
  public int[] residual(int k) {
    return residual[k].clone();
  }

  @Override
  public int[][] inputs() {
    return deepCopy(inputs);
  }

  @Override
  public int[][] residual() {
    return deepCopy(residual);
  }

  /** True for the plain multilayer perceptron. */
  public boolean isPlain() {
    return equals(plain(depth()));
  }

  /**
   * Parses the {@code connections} and {@code residual} settings for a network of {@code depth}
   * weight layers (empty strings: the plain multilayer perceptron).
   */
  public static Topology parse(String connections, String residualText, int depth) {
    Topology plain = plain(depth);
    int[][] inputs = plain.inputs;
    boolean[] named = new boolean[depth + 1];
    for (String entry : entries(connections, ";")) {
      int arrow = entry.indexOf("<-");
      if (arrow < 0) {
        throw new IllegalArgumentException("connections entry '" + entry
            + "' must look like 2<-0,1 (layer 2 reads layers 0 and 1); entries are separated by ;");
      }
      int k = layer("connections", entry, entry.substring(0, arrow));
      if (k < 1 || k > depth) {
        throw new IllegalArgumentException("connections entry '" + entry + "': layer " + k
            + " does not exist; the layers that read others are 1.." + depth);
      }
      if (named[k]) {
        throw new IllegalArgumentException("connections names layer " + k
            + " twice; list all its inputs in one entry, e.g. " + k + "<-0," + (k - 1));
      }
      named[k] = true;
      TreeSet<Integer> from = new TreeSet<>();
      for (String part : entry.substring(arrow + 2).split(",")) {
        int j = layer("connections", entry, part);
        if (j >= k) {
          throw new IllegalArgumentException("connections entry '" + entry + "': layer " + k
              + " cannot read layer " + j + ": a layer reads only earlier layers (0.." + (k - 1)
              + "); reading itself or a later layer would make a cycle");
        }
        if (j < 0) {
          throw new IllegalArgumentException("connections entry '" + entry + "': layer " + j
              + " does not exist; layer 0 is the input");
        }
        if (!from.add(j)) {
          throw new IllegalArgumentException("connections entry '" + entry + "' reads layer " + j
              + " twice");
        }
      }
      inputs[k] = from.stream().mapToInt(Integer::intValue).toArray();
    }
    List<TreeSet<Integer>> added = new ArrayList<>();
    for (int k = 0; k <= depth; k++) {
      added.add(new TreeSet<>());
    }
    for (String entry : entries(residualText, ";,")) {
      int dash = entry.indexOf('-', 1);
      if (dash < 0) {
        throw new IllegalArgumentException("residual entry '" + entry
            + "' must look like 1-3 (layer 1's output is added to layer 3's); entries are"
            + " separated by ;");
      }
      int a = layer("residual", entry, entry.substring(0, dash));
      int b = layer("residual", entry, entry.substring(dash + 1));
      if (a < 0 || b > depth) {
        throw new IllegalArgumentException("residual entry '" + entry + "': layers run from 0"
            + " (the input) to " + depth);
      }
      if (a >= b) {
        throw new IllegalArgumentException("residual entry '" + entry + "': a residual block"
            + " adds an earlier layer's output to a later one's (a-b with a < b)");
      }
      if (!added.get(b).add(a)) {
        throw new IllegalArgumentException("residual names " + a + "-" + b + " twice");
      }
    }
    int[][] residual = new int[depth + 1][];
    for (int k = 0; k <= depth; k++) {
      residual[k] = added.get(k).stream().mapToInt(Integer::intValue).toArray();
    }
    return new Topology(inputs, residual);
  }

  /**
   * Checks the graph against the layer sizes: inputs only from earlier layers, residual blocks
   * between layers of equal size, and every layer's output used by a later layer.
   */
  public void validate(int[] sizes) {
    int depth = sizes.length - 1;
    if (depth() != depth) {
      throw new IllegalArgumentException("connections describe " + depth()
          + " weight layers but layers has " + depth);
    }
    boolean[] used = new boolean[depth + 1];
    used[depth] = true;
    for (int k = 1; k <= depth; k++) {
      if (inputs[k].length == 0) {
        throw new IllegalArgumentException("layer " + k + " reads no layer");
      }
      for (int j : inputs[k]) {
        if (j < 0 || j >= k) {
          throw new IllegalArgumentException("connections: layer " + k + " cannot read layer " + j
              + ": a layer reads only earlier layers (0.." + (k - 1)
              + "); reading itself or a later layer would make a cycle");
        }
        used[j] = true;
      }
      for (int a : residual[k]) {
        if (a < 0 || a >= k) {
          throw new IllegalArgumentException("residual " + a + "-" + k
              + ": a residual block adds an earlier layer's output to a later one's");
        }
        if (sizes[a] != sizes[k]) {
          throw new IllegalArgumentException("residual " + a + "-" + k + ": layer " + a + " has "
              + sizes[a] + " units but layer " + k + " has " + sizes[k]
              + "; f(s) + s needs equal sizes");
        }
        used[a] = true;
      }
    }
    for (int k = 0; k < depth; k++) {
      if (!used[k]) {
        throw new IllegalArgumentException((k == 0 ? "no layer reads the input (layer 0)"
            : "the output of layer " + k + " is read by no later layer")
            + "; add it to connections (e.g. " + depth + "<-" + (depth - 1) + "," + k
            + ") or remove it");
      }
    }
  }

  /** The {@code connections} setting value that parses back to this topology ("" if plain). */
  public String connectionsText() {
    List<String> parts = new ArrayList<>();
    for (int k = 1; k < inputs.length; k++) {
      if (!(inputs[k].length == 1 && inputs[k][0] == k - 1)) {
        parts.add(k + "<-" + join(inputs[k]));
      }
    }
    return String.join(";", parts);
  }

  /** The {@code residual} setting value that parses back to this topology ("" if none). */
  public String residualText() {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < residual.length; k++) {
      for (int a : residual[k]) {
        parts.add(a + "-" + k);
      }
    }
    return String.join(";", parts);
  }

  private static String join(int[] layers) {
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < layers.length; n++) {
      b.append(n == 0 ? "" : ",").append(layers[n]);
    }
    return b.toString();
  }

  private static List<String> entries(String text, String separators) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split("[" + separators + "]")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static int layer(String setting, String entry, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + " entry '" + entry + "': '" + text.trim()
          + "' is not a layer number");
    }
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] copy = new int[a.length][];
    for (int k = 0; k < a.length; k++) {
      copy[k] = a[k].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topology t && Arrays.deepEquals(inputs, t.inputs)
        && Arrays.deepEquals(residual, t.residual);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(inputs) * 31 + Arrays.deepHashCode(residual);
  }

  @Override
  public String toString() {
    String c = connectionsText();
    String r = residualText();
    return (c.isEmpty() ? "" : "connections " + c) + (c.isEmpty() || r.isEmpty() ? "" : ", ")
        + (r.isEmpty() ? "" : "residual " + r);
  }
}
