package org.sparkprop.ml;

import java.io.Serializable;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.sparkprop.settings.Setting;
import org.sparkprop.settings.SettingException;
import org.sparkprop.settings.SettingType;
import org.sparkprop.settings.Source;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.SettingRegistry;
import org.sparkprop.train.Settings;

/**
 * The Param objects of the training settings that {@link NeuralNetClassifier} and
 * {@link NeuralNetRegressor} share, made from {@link SettingRegistry#ALL} with their owner as
 * parent (name, doc, type, {@code isValid} from the setting's allowed values, the param's
 * default), and the translation of their values into the job's {@link Settings} (so that
 * {@link JobConfig#from} validates them with the command line's messages).
 *
 * <p>Every param is reached through an accessor of {@link NeuralNetParams} named after it, so
 * {@code params()}, {@code explainParams()}, {@code copy} and persistence see it like any MLlib
 * param. MLlib's {@code maxIter}, {@code blockSize} and {@code solver} are settings of their own
 * with MLlib's meaning and defaults: the epochs, the batch size, and the optimizer ({@code l-bfgs}
 * = optimizer {@code lbfgs} in mode {@code batch}, {@code gd} = optimizer {@code sgd}).
 */
public final class NeuralNetParamSet implements Serializable {

  private static final long serialVersionUID = 2L;

  private final Map<String, Param<?>> params = new LinkedHashMap<>();
  final Param<Vector> initialWeights;

  /** Creates the params of {@code owner} and sets their defaults on it. */
  @SuppressWarnings("unchecked")
  NeuralNetParamSet(Params owner) {
    for (Setting s : SettingRegistry.params()) {
      Param<?> param = create(owner, s);
      params.put(s.name(), param);
      if (s.paramHasDefault()) {
        Object value = Setting.CLASS_HASH.equals(s.paramDefault())
            ? (Object) (long) owner.getClass().getName().hashCode() // MLlib's HasSeed default
            : s.type().parse(s.name(), s.effectiveParamDefault());
        owner.setDefault((Param<Object>) param, value);
      }
    }
    initialWeights = new Param<>(owner, "initialWeights", "initial weights Θ (one value per"
        + " parameter, in the layout of ThetaLayout); unset: drawn by init with the seed",
        Checks.<Vector>anyValue());
  }

  private static Param<?> create(Params owner, Setting s) {
    String name = s.name();
    String doc = s.doc() + " (" + s.expected() + ")";
    Checks.Valid<Object> valid = v -> SettingRegistry.get(name).valid(v);
    return switch (s.type()) {
      case INT -> new IntParam(owner, name, doc, valid);
      case LONG -> new LongParam(owner, name, doc, valid);
      case DOUBLE, DOUBLE_OR_AUTO -> new DoubleParam(owner, name, doc, valid);
      case BOOLEAN -> new BooleanParam(owner, name, doc);
      case TEXT -> new Param<String>(owner, name, doc,
          (Checks.Valid<String>) v -> SettingRegistry.get(name).valid(v));
      case INT_LIST -> new IntArrayParam(owner, name, doc,
          (Checks.Valid<int[]>) v -> SettingRegistry.get(name).valid(v));
    };
  }

  /** The param of the setting called {@code name}. */
  Param<?> param(String name) {
    Param<?> p = params.get(name);
    if (p == null) {
      throw new IllegalStateException("no param " + name + " in SettingRegistry.ALL");
    }
    return p;
  }

  /**
   * A setter's value, checked against the setting's allowed values. NaN is refused even where
   * the setting takes {@code auto}: an unset param means auto.
   */
  <V> V check(String name, V value) {
    Setting s = SettingRegistry.get(name);
    if (value instanceof Double d && d.isNaN()) {
      throw new SettingException(name, "NaN", s.allowed().description()
          + " (leave the param unset for auto)");
    }
    return s.check(value);
  }

  /** A setter's text, trimmed and checked ({@code null} is refused). */
  String text(String name, String value) {
    Setting s = SettingRegistry.get(name);
    if (value == null) {
      throw new SettingException(name, "null", s.expected());
    }
    return s.check(value.trim());
  }

  /** Checks initial weights: every one finite. */
  static Vector initialWeights(Vector value) {
    if (value == null) {
      throw new SettingException("initialWeights", "null", "a vector of finite numbers");
    }
    for (int i = 0; i < value.size(); i++) {
      if (!Double.isFinite(value.apply(i))) {
        throw new SettingException("initialWeights", "a vector with " + value.apply(i)
            + " at index " + i, "a vector of finite numbers");
      }
    }
    return value;
  }

  /** The description of a setting, from the registry: one name, one meaning. */
  static String doc(String name) {
    return SettingRegistry.get(name).doc();
  }

  // ---- effective values -----------------------------------------------------------------

  /** The number of epochs: epochs or maxIter, whichever is set (they must agree if both are). */
  int epochs(Params p) {
    return alias(p, (IntParam) param("epochs"), (IntParam) param("maxIter"));
  }

  /** The batch size: batchSize or blockSize, whichever is set (they must agree if both are). */
  int batchSize(Params p) {
    return alias(p, (IntParam) param("batchSize"), (IntParam) param("blockSize"));
  }

  private static int alias(Params p, IntParam ours, IntParam mllib) {
    int a = (Integer) p.getOrDefault(ours);
    int b = (Integer) p.getOrDefault(mllib);
    if (p.isSet(ours) && p.isSet(mllib) && a != b) {
      throw new IllegalArgumentException("settings " + mllib.name() + " and " + ours.name()
          + " are one setting (MLlib's name and sparkprop's) but " + mllib.name() + " is " + b
          + " and " + ours.name() + " is " + a + "; set only one");
    }
    return p.isSet(ours) ? a : b;
  }

  /** The optimizer's setting name: optimizer if set, else the solver's. */
  @SuppressWarnings("unchecked")
  String optimizer(Params p) {
    Param<String> solver = (Param<String>) param("solver");
    Param<String> optimizer = (Param<String>) param("optimizer");
    String fromSolver = ((String) p.getOrDefault(solver)).trim().toLowerCase(Locale.ROOT)
        .equals("gd") ? "sgd" : "lbfgs";
    if (!p.isSet(optimizer)) {
      return fromSolver;
    }
    String chosen = ((String) p.getOrDefault(optimizer)).trim().toLowerCase(Locale.ROOT);
    if (p.isSet(solver) && !chosen.equals(fromSolver)) {
      throw new IllegalArgumentException("settings solver and optimizer are one setting (MLlib's"
          + " name and sparkprop's) but solver is '" + p.getOrDefault(solver) + "' (optimizer "
          + fromSolver + ") and optimizer is '" + chosen + "'; set only one");
    }
    return chosen;
  }

  /** The mode's setting name: batch for lbfgs and minibatch otherwise when mode is auto. */
  String mode(Params p) {
    String m = ((String) p.getOrDefault(param("mode"))).trim().toLowerCase(Locale.ROOT);
    if (!m.equals("auto")) {
      return m;
    }
    return optimizer(p).equals("lbfgs") ? "batch" : "minibatch";
  }

  /** The stepSize setting: as set; MLlib's default for solver gd; else auto. */
  String stepSize(Params p) {
    Param<?> stepSize = param("stepSize");
    if (p.isSet(stepSize)) {
      return number(p.getOrDefault(stepSize));
    }
    boolean mllibGd = !p.isSet(param("optimizer")) && optimizer(p).equals("sgd");
    return mllibGd ? number(p.getOrDefault(stepSize)) : "auto";
  }

  /**
   * The job's settings for these param values: every job setting that is a param, under the
   * same name; {@code output} and {@code loss} are the estimator's. A param set explicitly is
   * recorded with source ESTIMATOR, one at its default with source DEFAULT.
   */
  Settings settings(Params p, String output, String loss) {
    Settings s = Settings.defaults();
    for (Setting setting : SettingRegistry.jobSettings()) {
      if (!setting.scope().param()) {
        continue;
      }
      String name = setting.name();
      String value = switch (name) {
        case "layers" -> layers(p);
        case "mode" -> mode(p);
        case "batchSize" -> Integer.toString(batchSize(p));
        case "optimizer" -> optimizer(p);
        case "stepSize" -> stepSize(p);
        case "epochs" -> Integer.toString(epochs(p));
        default -> value(p, setting);
      };
      boolean set = p.isSet(param(name)) || isPartnerSet(p, name);
      s = s.with(name, value, set ? Source.ESTIMATOR : Source.DEFAULT,
          set ? "param" : "param default");
    }
    s = s.with("output", output, Source.ESTIMATOR, "estimator");
    return s.with("loss", loss, Source.ESTIMATOR, "estimator");
  }

  private boolean isPartnerSet(Params p, String name) {
    String partner = switch (name) {
      case "epochs" -> "maxIter";
      case "batchSize" -> "blockSize";
      case "optimizer" -> "solver";
      default -> null;
    };
    return partner != null && p.isSet(param(partner));
  }

  private String layers(Params p) {
    Param<?> layers = param("layers");
    if (!p.isDefined(layers)) {
      throw new IllegalArgumentException("setting layers is not set; it has no default (as in"
          + " MLlib): set the layer sizes M0,M1,...,ML, inputs first and outputs last, e.g."
          + " setLayers(2, 16, 2)");
    }
    return SettingType.INT_LIST.format(p.getOrDefault(layers));
  }

  private String value(Params p, Setting setting) {
    Param<?> param = param(setting.name());
    if (!p.isDefined(param)) {
      return setting.type() == SettingType.DOUBLE_OR_AUTO ? "auto" : "";
    }
    Object v = p.getOrDefault(param);
    return v instanceof Double d ? number(d) : setting.type().format(v);
  }

  private static String number(Object d) {
    return Double.toString((Double) d);
  }
}
