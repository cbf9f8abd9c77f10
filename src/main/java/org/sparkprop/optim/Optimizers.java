package org.sparkprop.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sparkprop.settings.SettingException;

/**
 * The optimizers by setting name, with their hyperparameters and defaults:
 * <table>
 * <caption>optimizers</caption>
 * <tr><th>name</th><th>stepSize</th><th>momentum</th><th>beta1</th><th>beta2</th><th>epsilon</th><th>decay</th></tr>
 * <tr><td>sgd</td><td>0.2</td><td></td><td></td><td></td><td></td><td></td></tr>
 * <tr><td>momentum</td><td>0.03</td><td>0.9</td><td></td><td></td><td></td><td></td></tr>
 * <tr><td>nag</td><td>0.01</td><td>0.9</td><td></td><td></td><td></td><td></td></tr>
 * <tr><td>adagrad</td><td>0.05</td><td></td><td></td><td></td><td>1e-10</td><td></td></tr>
 * <tr><td>adadelta</td><td>1.0</td><td></td><td></td><td></td><td>1e-6</td><td>0.95</td></tr>
 * <tr><td>rmsprop</td><td>0.003</td><td></td><td></td><td></td><td>1e-7</td><td>0.9</td></tr>
 * <tr><td>adam</td><td>0.003</td><td></td><td>0.9</td><td>0.999</td><td>1e-8</td><td></td></tr>
 * <tr><td>adamax</td><td>0.01</td><td></td><td>0.9</td><td>0.999</td><td></td><td></td></tr>
 * <tr><td>nadam</td><td>0.005</td><td></td><td>0.9</td><td>0.999</td><td>1e-8</td><td></td></tr>
 * </table>
 * Full-batch L-BFGS is not an {@link Optimizer} (it needs the loss for its line search): see
 * {@link Lbfgs}.
 */
public final class Optimizers {

  private Optimizers() {}

  /** One optimizer: its setting name, the settings it uses with their defaults, and its factory. */
  private enum Kind {
    SGD("sgd", "Robbins & Monro 1951", v -> new GradientDescent(v[0]),
        "stepSize", GradientDescent.DEFAULT_STEP_SIZE),
    MOMENTUM("momentum", "Polyak 1964", v -> new Momentum(v[0], v[1]),
        "stepSize", Momentum.DEFAULT_STEP_SIZE, "momentum", Momentum.DEFAULT_MOMENTUM),
    NAG("nag", "Nesterov 1983; Sutskever et al. 2013", v -> new Nesterov(v[0], v[1]),
        "stepSize", Nesterov.DEFAULT_STEP_SIZE, "momentum", Nesterov.DEFAULT_MOMENTUM),
    ADAGRAD("adagrad", "Duchi et al. 2011", v -> new Adagrad(v[0], v[1]),
        "stepSize", Adagrad.DEFAULT_STEP_SIZE, "epsilon", Adagrad.DEFAULT_EPSILON),
    ADADELTA("adadelta", "Zeiler 2012", v -> new Adadelta(v[0], v[1], v[2]),
        "stepSize", Adadelta.DEFAULT_STEP_SIZE, "decay", Adadelta.DEFAULT_DECAY,
        "epsilon", Adadelta.DEFAULT_EPSILON),
    RMSPROP("rmsprop", "Tieleman & Hinton 2012", v -> new RmsProp(v[0], v[1], v[2]),
        "stepSize", RmsProp.DEFAULT_STEP_SIZE, "decay", RmsProp.DEFAULT_DECAY,
        "epsilon", RmsProp.DEFAULT_EPSILON),
    ADAM("adam", "Kingma & Ba 2015", v -> new Adam(v[0], v[1], v[2], v[3]),
        "stepSize", Adam.DEFAULT_STEP_SIZE, "beta1", Adam.DEFAULT_BETA1,
        "beta2", Adam.DEFAULT_BETA2, "epsilon", Adam.DEFAULT_EPSILON),
    ADAMAX("adamax", "Kingma & Ba 2015, §7.1", v -> new Adamax(v[0], v[1], v[2]),
        "stepSize", Adamax.DEFAULT_STEP_SIZE, "beta1", Adamax.DEFAULT_BETA1,
        "beta2", Adamax.DEFAULT_BETA2),
    NADAM("nadam", "Dozat 2016", v -> new Nadam(v[0], v[1], v[2], v[3]),
        "stepSize", Nadam.DEFAULT_STEP_SIZE, "beta1", Nadam.DEFAULT_BETA1,
        "beta2", Nadam.DEFAULT_BETA2, "epsilon", Nadam.DEFAULT_EPSILON);

    final String name;
    final String reference;
    final Function<float[], Optimizer> factory;
    /** Setting name → default, in the order the factory takes them. */
    final Map<String, Float> defaults = new LinkedHashMap<>();

    Kind(String name, String reference, Function<float[], Optimizer> factory, Object... pairs) {
      this.name = name;
      this.reference = reference;
      this.factory = factory;
      for (int i = 0; i < pairs.length; i += 2) {
        defaults.put((String) pairs[i], (Float) pairs[i + 1]);
      }
    }
  }

  /** The names of the optimizers {@link #parse} knows, in a fixed order. */
  public static final List<String> NAMES =
      Arrays.stream(Kind.values()).map(k -> k.name).toList();

  private static Kind kind(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Kind k : Kind.values()) {
      if (k.name.equals(key)) {
        return k;
      }
    }
    throw new SettingException("optimizer", String.valueOf(name), "one of "
        + String.join(", ", NAMES)
        + (key.equals("lbfgs") || key.equals("l-bfgs") ? " (L-BFGS is full-batch: use Lbfgs)" : ""));
  }

  /**
   * The optimizer called {@code name} (case-insensitive, one of {@link #NAMES}) with the given
   * settings; a NaN setting takes that optimizer's default.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones), a
   *     setting the optimizer does not use given a value (not NaN), or a value out of range
   */
  public static Optimizer parse(String name, OptimizerSettings settings) {
    Kind kind = kind(name);
    for (String setting : OptimizerSettings.NAMES) {
      if (!kind.defaults.containsKey(setting) && !Double.isNaN(settings.get(setting))) {
        throw new SettingException(setting, Check.format(settings.get(setting)), "auto: "
            + kind.name + " does not use it; " + kind.name + " uses "
            + String.join(", ", kind.defaults.keySet()));
      }
    }
    float[] values = new float[kind.defaults.size()];
    int i = 0;
    for (Map.Entry<String, Float> e : kind.defaults.entrySet()) {
      double given = settings.get(e.getKey());
      values[i++] = Double.isNaN(given) ? e.getValue() : (float) given;
    }
    return kind.factory.apply(values);
  }

  /** The optimizer called {@code name} with all its defaults. */
  public static Optimizer parse(String name) {
    return parse(name, OptimizerSettings.DEFAULTS);
  }

  /** The settings (names from {@link OptimizerSettings#NAMES}) the optimizer called {@code name} uses. */
  public static List<String> hyperparameters(String name) {
    return List.copyOf(kind(name).defaults.keySet());
  }

  /** The defaults of the optimizer called {@code name}; NaN for the settings it does not use. */
  public static OptimizerSettings defaults(String name) {
    OptimizerSettings s = OptimizerSettings.DEFAULTS;
    for (Map.Entry<String, Float> e : kind(name).defaults.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /**
   * The Markdown table of docs/optimizers.md: a row per optimizer, a column per setting with that
   * optimizer's default, "—" where it does not use the setting.
   */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder("| optimizer | ");
    b.append(String.join(" | ", OptimizerSettings.NAMES)).append(" | reference |\n|---|");
    b.append("---|".repeat(OptimizerSettings.NAMES.size())).append("---|\n");
    for (Kind k : Kind.values()) {
      List<String> cells = new ArrayList<>();
      cells.add("`" + k.name + "`");
      for (String setting : OptimizerSettings.NAMES) {
        Float d = k.defaults.get(setting);
        cells.add(d == null ? "—" : Check.format(d.floatValue()));
      }
      cells.add(k.reference);
      b.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return b.toString();
  }
}
