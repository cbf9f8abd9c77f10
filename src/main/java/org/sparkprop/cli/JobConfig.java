package org.sparkprop.cli;

import org.sparkprop.nn.Activation;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.train.Mode;

/**
 * A training job, typed and validated from {@link Settings} before any Spark work starts: every
 * bad value is an error that names the setting, the value and what is allowed.
 *
 * @param partitions number of shards; 0 means Spark's default parallelism
 */
public record JobConfig(NetworkSpec network, Mode mode, int batchSize, float stepSize,
    int epochs, double tol, long seed, int partitions, String master, int treeDepth,
    DataConfig data) {

  /** Types and checks every setting. */
  public static JobConfig from(Settings s) {
    Activation hidden = parse(s, "activation", Activations::parse);
    Activation output = parse(s, "output", Activations::parse);
    String lossName = s.get("loss");
    Loss loss = lossName.equalsIgnoreCase("auto")
        ? (output instanceof Softmax ? new CrossEntropy() : new SquaredError())
        : parse(s, "loss", Loss::parse);
    int[] sizes = layers(s.get("layers"));
    NetworkSpec spec;
    try {
      spec = new NetworkSpec(sizes, hidden, output, loss).requireTrainable();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid network: " + e.getMessage());
    }
    DataConfig data = new DataConfig(
        DataConfig.Format.parse(s.get("data.format")),
        nonEmpty(s, "data.train"),
        s.get("data.train.labels"),
        s.get("data.test"),
        s.get("data.test.labels"),
        openUnit(s, "data.testFraction"),
        atLeast(s, "data.samples", 2),
        nonNegative(s, "data.noise"),
        atLeast(s, "data.labelColumn", 0),
        bool(s, "data.header"),
        bool(s, "data.scale"),
        atLeast(s, "data.numFeatures", 0));
    double stepSize = positive(s, "stepSize");
    return new JobConfig(spec,
        parse(s, "mode", Mode::parse),
        atLeast(s, "batchSize", 1),
        (float) stepSize,
        atLeast(s, "epochs", 1),
        nonNegative(s, "tol"),
        longValue(s, "seed"),
        atLeast(s, "partitions", 0),
        nonEmpty(s, "master"),
        atLeast(s, "treeDepth", 1),
        data);
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private static <T> T parse(Settings s, String name, Parser<T> parser) {
    try {
      return parser.parse(s.get(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + name + ": " + e.getMessage());
    }
  }

  private static int[] layers(String value) {
    String[] parts = value.split(",");
    int[] sizes = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        sizes[k] = Integer.parseInt(parts[k].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting layers is '" + value + "': entry " + k + " ('"
            + parts[k].trim() + "') is not an integer; expected sizes like 784,128,10");
      }
      if (sizes[k] < 1) {
        throw new IllegalArgumentException("setting layers is '" + value + "': layers[" + k
            + "] is " + sizes[k] + "; every layer size must be at least 1");
      }
    }
    if (sizes.length < 2) {
      throw new IllegalArgumentException("setting layers is '" + value
          + "'; it needs at least an input and an output size, e.g. 784,128,10");
    }
    return sizes;
  }

  private static String bad(String name, String value, String allowed) {
    return "setting " + name + " is '" + value + "'; it must be " + allowed;
  }

  private static int atLeast(Settings s, String name, int min) {
    String v = s.get(name);
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(bad(name, v, "an integer >= " + min));
  }

  private static long longValue(Settings s, String name) {
    String v = s.get(name);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad(name, v, "an integer"));
    }
  }

  private static double number(Settings s, String name, String allowed) {
    String v = s.get(name);
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(bad(name, v, allowed));
  }

  private static double positive(Settings s, String name) {
    double d = number(s, name, "a finite number > 0");
    if (d > 0) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a finite number > 0"));
  }

  private static double nonNegative(Settings s, String name) {
    double d = number(s, name, "a finite number >= 0");
    if (d >= 0) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a finite number >= 0"));
  }

  private static double openUnit(Settings s, String name) {
    double d = number(s, name, "a number in (0, 1)");
    if (d > 0 && d < 1) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a number in (0, 1)"));
  }

  private static boolean bool(Settings s, String name) {
    String v = s.get(name).trim().toLowerCase();
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(bad(name, s.get(name), "true or false"));
    };
  }

  private static String nonEmpty(Settings s, String name) {
    String v = s.get(name).trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("setting " + name + " is empty; it needs a value");
    }
    return v;
  }
}
