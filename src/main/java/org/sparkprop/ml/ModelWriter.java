package org.sparkprop.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.util.GeneralMLWriter;
import org.sparkprop.nn.Network;
import org.sparkprop.onnx.OnnxFile;

/**
 * The writer of both models, through Spark ML's format mechanism: {@code write().save(path)}
 * (format {@value #INTERNAL}) writes Spark ML's layout ({@link ModelIO}), readable by
 * {@code load}; {@code write().format("onnx").save(path)} writes one standard ONNX file at
 * {@code path} (docs/onnx.md). {@code path} is a Hadoop URI either way; {@code overwrite()}
 * replaces what is there, as for every MLWriter.
 */
final class ModelWriter extends GeneralMLWriter {

  /** Spark ML's name for a stage's own layout. */
  static final String INTERNAL = "internal";

  /** A standard ONNX model file. */
  static final String ONNX = "onnx";

  private final PipelineStage model;
  private final Scorer scorer;
  private String format = INTERNAL;

  ModelWriter(PipelineStage model, Scorer scorer) {
    super(model);
    this.model = model;
    this.scorer = scorer;
  }

  /** {@value #INTERNAL} (the default) or {@value #ONNX}; checked when the model is saved. */
  @Override
  public GeneralMLWriter format(String source) {
    this.format = source == null ? "" : source.trim().toLowerCase(Locale.ROOT);
    super.format(source);
    return this;
  }

  @Override
  public void saveImpl(String path) {
    switch (format) {
      case INTERNAL -> ModelIO.save(model, scorer, path, sparkSession());
      case ONNX -> {
        Network network = new Network(scorer.spec());
        network.state().load(scorer.state());
        try {
          OnnxFile.write(new Path(path), network, scorer.theta(), List.of(),
              sc().hadoopConfiguration());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the ONNX model " + path, e);
        }
      }
      default -> throw new IllegalArgumentException("write().format(\"" + format + "\") for "
          + model.uid() + ": the formats are " + INTERNAL + " (Spark ML's layout, the default)"
          + " and " + ONNX);
    }
  }
}
