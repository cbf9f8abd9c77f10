package org.sparkprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A printable table of a network: per layer its size, activation, the layers it reads (and adds,
 * for residual connections), its normalization and drop-out, and its parameter count; then the
 * total D = |Θ| and the number of non-trainable state values.
 */
final class ModelSummary {

  private ModelSummary() {}

  static String of(Network network) {
    NetworkSpec spec = network.spec();
    ThetaLayout layout = network.layout();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"layer", "units", "activation", "inputs", "extras", "parameters"});
    rows.add(new String[] {"0", Integer.toString(spec.size(0)), "input", "-",
        spec.standardize() ? "standardized" : "", "0"});
    for (int k = 1; k <= spec.depth(); k++) {
      StringBuilder inputs = new StringBuilder();
      for (int from : spec.inputs(k)) {
        inputs.append(inputs.length() == 0 ? "" : ",").append(from);
      }
      for (int from : spec.residual(k)) {
        inputs.append(" +").append(from);
      }
      List<String> extras = new ArrayList<>();
      if (spec.activation(k).pieces() > 1) {
        extras.add(spec.activation(k).pieces() + " pieces/unit");
      }
      if (spec.activation(k).parametersPerUnit() > 0) {
        extras.add("α per unit");
      }
      if (spec.normalization(k) != Normalization.NONE) {
        extras.add(spec.normalization(k).label() + " γ,β");
      }
      if (spec.dropout(k) > 0f) {
        extras.add("dropout " + spec.dropout(k));
      }
      rows.add(new String[] {Integer.toString(k), Integer.toString(spec.size(k)),
          spec.activation(k).name(), inputs.toString(), String.join(", ", extras),
          String.format(Locale.ROOT, "%,d", layout.layerSize(k))});
    }
    int[] width = new int[6];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        String cell = c == r.length - 1
            ? " ".repeat(width[c] - r[c].length()) + r[c]
            : r[c] + " ".repeat(width[c] - r[c].length());
        b.append(c == 0 ? "  " : "  ").append(cell);
      }
      b.append('\n');
    }
    b.append(String.format(Locale.ROOT, "  total %,d parameters in Θ", network.parameterCount()));
    if (network.state().size() > 0) {
      b.append(String.format(Locale.ROOT, ", %,d non-trainable state values",
          network.state().size()));
    }
    return b.toString();
  }
}
