package org.sparkprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparkprop.onnx.OnnxExporter;
import org.sparkprop.onnx.OnnxFile;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.OutputExistsException;

/**
 * {@code export MODEL --format onnx --out FILE}: a saved model as a standard ONNX file
 * (docs/onnx.md). MODEL and FILE are Hadoop URIs; FILE must not exist. No Spark session: the
 * model is read and converted in the driver, and the file is published whole or not at all.
 */
final class ExportJob {

  /** The formats {@code --format} accepts. */
  static final List<String> FORMATS = List.of("onnx");

  static final String USAGE = "export MODEL [--format onnx] --out FILE.onnx";

  /** A parsed command line. */
  record Arguments(Path model, String format, Path out) {}

  private ExportJob() {}

  /** Parses {@code export MODEL [--format F] --out FILE}; args[0] is "export". */
  static Arguments parse(String[] args) {
    if (args.length < 2 || args[1].startsWith("--")) {
      throw new IllegalArgumentException("export needs a model directory: " + USAGE);
    }
    String format = "onnx";
    Path out = null;
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--format") || a.equals("--out")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("export: " + a + " needs a value: " + USAGE);
        }
        String v = args[++i];
        if (a.equals("--format")) {
          format = v;
        } else {
          out = new Path(v);
        }
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (a.startsWith("--out=")) {
        out = new Path(a.substring("--out=".length()));
      } else {
        throw new IllegalArgumentException("export: unexpected argument '" + a + "'; usage: "
            + USAGE);
      }
    }
    String normalized = format.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(normalized)) {
      throw new IllegalArgumentException("export: --format is '" + format
          + "'; the formats are " + String.join(", ", FORMATS));
    }
    if (out == null) {
      throw new IllegalArgumentException("export needs --out FILE (a path that does not exist"
          + " yet): " + USAGE);
    }
    return new Arguments(new Path(args[1]), normalized, out);
  }

  /** Reads the model and writes it as {@code format} to {@code out}. */
  static void run(Arguments a, PrintStream console) throws IOException {
    Configuration hadoop = Sessions.hadoopConfiguration();
    if (HadoopOutput.fileSystem(a.out(), hadoop).exists(a.out())) {
      throw new OutputExistsException(a.out(), "an ONNX model");
    }
    ModelFile.Loaded loaded = ModelFile.read(a.model(), hadoop);
    OnnxFile.write(a.out(), loaded.network(), loaded.theta(), loaded.classNames(), hadoop);
    console.println("sparkprop: exported " + a.model() + " (" + loaded.network().spec()
        + ") as ONNX opset " + OnnxExporter.OPSET + " to " + a.out());
  }
}
