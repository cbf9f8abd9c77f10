package org.sparkprop.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * with MLlib's meaning and defaults: the iterations, rows stacked for speed (no effect), and the
 * solver ({@code l-bfgs} = optimizer {@code lbfgs}, {@code gd} = optimizer {@code sgd}, both in
 * mode {@code batch}). While sparkprop's {@code optimizer} is unset the classifier's network is
 * MLlib's: sigmoid hidden layers, MLlib's initial weight scale.
 */
public final class NeuralNetParamSet implements Serializable {

  private static final long serialVersionUID = 2L;

  private final Map<String, Param<?>> params = new LinkedHashMap<>();
  final Param<Vector> initialWeights;
  /** Whether an unset optimizer also means MLlib's network: sigmoid, no standardization. */
  private final boolean mllibNetwork;

  /**
   * Creates the params of {@code owner} and sets their defaults on it.
   *
   * @param mllibNetwork the owner stands in for MLlib's perceptron: with optimizer unset, the
   *     hidden layers default to sigmoid and standardize to false, as MLlib's
   */
  @SuppressWarnings("unchecked")
  NeuralNetParamSet(Params owner, boolean mllibNetwork) {
    this.mllibNetwork = mllibNetwork;
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
    String param = s.paramName();
    String doc = s.doc() + " (" + s.expected() + ")";
    Checks.Valid<Object> valid = v -> SettingRegistry.get(name).valid(v);
    return switch (s.type()) {
      case INT -> new IntParam(owner, param, doc, valid);
      case LONG -> new LongParam(owner, param, doc, valid);
      case DOUBLE, DOUBLE_OR_AUTO -> new DoubleParam(owner, param, doc, valid);
      case BOOLEAN -> new BooleanParam(owner, param, doc);
      case TEXT -> new Param<String>(owner, param, doc,
          (Checks.Valid<String>) v -> SettingRegistry.get(name).valid(v));
      case INT_LIST -> new IntArrayParam(owner, param, doc,
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

  /** Whether the job follows MLlib's solver: sparkprop's {@code optimizer} is unset. */
  boolean mllibSolver(Params p) {
    return !p.isSet(param("optimizer"));
  }

  /**
   * The iterations MLlib's way or the epochs sparkprop's: epochs if set, else maxIter (both
   * MLlib solvers are full-batch, so one iteration is one epoch); may be 0 (maxIter only).
   */
  int epochs(Params p) {
    IntParam epochs = (IntParam) param("epochs");
    return (Integer) p.getOrDefault(p.isSet(epochs) ? epochs : (IntParam) param("maxIter"));
  }

  /** The optimizer's setting name: optimizer if set, else the solver's. */
  String optimizer(Params p) {
    if (!mllibSolver(p)) {
      return lower(p.getOrDefault(param("optimizer")));
    }
    return lower(p.getOrDefault(param("solver"))).equals("gd") ? "sgd" : "lbfgs";
  }

  /** The mode: as set; auto is batch for lbfgs and both MLlib solvers, else minibatch. */
  String mode(Params p) {
    String m = lower(p.getOrDefault(param("mode")));
    if (!m.equals("auto")) {
      return m;
    }
    return mllibSolver(p) || optimizer(p).equals("lbfgs") ? "batch" : "minibatch";
  }

  /**
   * The stepSize setting. With optimizer set: as set, else auto (the optimizer's default). With
   * MLlib's solver: gd takes stepSize (default 0.03, MLlib's); l-bfgs uses none (auto).
   */
  String stepSize(Params p) {
    Param<?> stepSize = param("stepSize");
    if (!mllibSolver(p)) {
      return p.isSet(stepSize) ? number(p.getOrDefault(stepSize)) : "auto";
    }
    return optimizer(p).equals("sgd") ? number(p.getOrDefault(stepSize)) : "auto";
  }

  /** The hidden activation: as set; unset, sigmoid for MLlib's network, else relu. */
  String activation(Params p) {
    Param<?> activation = param("activation");
    if (p.isSet(activation)) {
      return (String) p.getOrDefault(activation);
    }
    return mllibNetwork && mllibSolver(p) ? "sigmoid"
        : SettingRegistry.get("activation").defaultValue();
  }

  /** The initial weights' scheme: as set; unset, MLlib's scale for MLlib's network. */
  String init(Params p) {
    Param<?> init = param("init");
    return !p.isSet(init) && mllibNetwork && mllibSolver(p) ? "mllib"
        : (String) p.getOrDefault(init);
  }

  /**
   * Input standardization: as set; unset, on in the classifier (L-BFGS in float precision needs
   * it to reach the fit MLlib's double precision reaches on raw inputs), off in the regressor.
   */
  boolean standardize(Params p) {
    Param<?> standardize = param("standardize");
    return p.isSet(standardize) ? (Boolean) p.getOrDefault(standardize) : mllibNetwork;
  }

  /**
   * What the fit leaves unused or resolves between two names of one setting, one sentence each,
   * for the log: MLlib accepts stepSize and blockSize with every solver, and sparkprop's name
   * wins over MLlib's when both of a pair are set.
   */
  List<String> notes(Params p) {
    List<String> notes = new ArrayList<>();
    String optimizer = optimizer(p);
    if (p.isSet(param("blockSize"))) {
      notes.add("blockSize " + p.getOrDefault(param("blockSize")) + " is unused: MLlib stacks"
          + " rows with it for speed only; sparkprop's batch size is batchSize ("
          + p.getOrDefault(param("batchSize")) + ", mode " + mode(p) + ")");
    }
    if (mllibSolver(p) && optimizer.equals("lbfgs") && p.isSet(param("stepSize"))) {
      notes.add("stepSize " + p.getOrDefault(param("stepSize")) + " is unused: solver l-bfgs"
          + " takes its steps from a line search");
    }
    if (p.isSet(param("solver")) && !mllibSolver(p)) {
      notes.add("solver " + p.getOrDefault(param("solver")) + " is unused: optimizer "
          + optimizer + " is set and wins");
    }
    if (p.isSet(param("maxIter")) && p.isSet(param("epochs"))) {
      notes.add("maxIter " + p.getOrDefault(param("maxIter")) + " is unused: epochs "
          + p.getOrDefault(param("epochs")) + " is set and wins");
    }
    return notes;
  }

  private static String lower(Object text) {
    return ((String) text).trim().toLowerCase(Locale.ROOT);
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
        case "optimizer" -> optimizer(p);
        case "stepSize" -> stepSize(p);
        case "activation" -> activation(p);
        case "init" -> init(p);
        case "standardize" -> Boolean.toString(standardize(p));
        // maxIter 0 trains nothing (Fitting returns the initial weights); the job needs >= 1.
        case "epochs" -> Integer.toString(Math.max(1, epochs(p)));
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
