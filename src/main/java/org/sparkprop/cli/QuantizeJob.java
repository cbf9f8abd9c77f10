package org.sparkprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.OutputExistsException;

/**
 * {@code quantize MODEL --out DIR [--type int8|float16]}: a saved float32 model with its
 * connection weights quantized after training (docs/quantization.md), as a new model directory
 * that evaluate, predict and export read like any other. No Spark session; DIR must not exist
 * and is published whole or not at all ({@link HadoopOutput}).
 */
final class QuantizeJob {

  static final String USAGE = "quantize MODEL --out DIR [--type int8|float16]";

  /** A parsed command line. */
  record Arguments(Path model, QuantizedType type, Path out) {}

  private QuantizeJob() {}

  /** Parses {@code quantize MODEL [--type T] --out DIR}; args[0] is "quantize". */
  static Arguments parse(String[] args) {
    if (args.length < 2 || args[1].startsWith("--")) {
      throw new IllegalArgumentException("quantize needs a model directory: " + USAGE);
    }
    String type = "int8";
    Path out = null;
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--type") || a.equals("--out")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("quantize: " + a + " needs a value: " + USAGE);
        }
        String v = args[++i];
        if (a.equals("--type")) {
          type = v;
        } else {
          out = new Path(v);
        }
      } else if (a.startsWith("--type=")) {
        type = a.substring("--type=".length());
      } else if (a.startsWith("--out=")) {
        out = new Path(a.substring("--out=".length()));
      } else {
        throw new IllegalArgumentException("quantize: unexpected argument '" + a + "'; usage: "
            + USAGE);
      }
    }
    QuantizedType parsed = QuantizedType.parse(type, "quantize --type");
    if (out == null) {
      throw new IllegalArgumentException("quantize needs --out DIR (a path that does not exist"
          + " yet): " + USAGE);
    }
    return new Arguments(new Path(args[1]), parsed, out);
  }

  /** Reads the model, quantizes Θ and writes the quantized model to {@code out}. */
  static void run(Arguments a, PrintStream console) throws IOException {
    Configuration hadoop = Sessions.hadoopConfiguration();
    if (HadoopOutput.fileSystem(a.out(), hadoop).exists(a.out())) {
      throw new OutputExistsException(a.out(), "a quantized model");
    }
    ModelFile.Loaded loaded = ModelFile.read(a.model(), hadoop);
    if (loaded.quantized() != null) {
      throw new IllegalArgumentException("quantize: " + a.model() + " is already quantized ("
          + loaded.quantized().type().label() + "); quantize its float32 model");
    }
    QuantizedTheta q = QuantizedTheta.of(loaded.network().layout(), loaded.theta(), a.type());
    ModelFile.write(a.out(), loaded.network(), q, loaded.classNames(), hadoop);
    console.printf(Locale.ROOT, "sparkprop: quantized %s (%s) to %s: %d parameter bytes"
        + " instead of %d, in %s%n", a.model(), loaded.network().spec(), a.type().label(),
        q.bytes(), 4L * loaded.theta().length, a.out());
  }
}
