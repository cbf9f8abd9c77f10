package org.sparkprop.onnx;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.HadoopOutput;

/**
 * Writes a network's ONNX model ({@link OnnxExporter}) as one file on any Hadoop file system.
 * The model is built whole in memory first, so a network that cannot be exported writes
 * nothing; the file is then published by {@link HadoopOutput#createFile} (written aside and
 * renamed where the store renames atomically), never over an existing file.
 */
public final class OnnxFile {

  private OnnxFile() {}

  /** Writes the model of {@code network} and {@code theta} to {@code target}, a new file. */
  public static void write(Path target, Network network, float[] theta, List<String> classNames,
      Configuration hadoop) throws IOException {
    byte[] bytes = OnnxExporter.export(network, theta, classNames).toByteArray();
    HadoopOutput.of(target, hadoop).createFile(target, "an ONNX model", bytes);
  }
}
