package org.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.Settings;

/**
 * The files a training run leaves in its output directory, on any Hadoop file system:
 * {@code metrics.jsonl} (one JSON object per epoch, appended and flushed with {@code hflush} as
 * epochs finish, so a long run can be followed; on an object store the file only appears when the
 * run closes it), {@code summary.json} at the end (written with {@link HadoopOutput}'s protocol:
 * whole or not at all), the model, and last the marker {@value HadoopOutput#MARKER}: a run
 * directory that has it is finished. A run that ends before writing anything (refused, say, by
 * a checkpoint lease or a resume check, or failed before its first epoch) leaves no run
 * directory behind: {@link #close} removes the empty metrics.jsonl and the directory it created.
 */
public final class RunOutput implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HadoopOutput output;
  private final Path dir;
  private final FSDataOutputStream stream;
  private final BufferedWriter metrics;
  private final boolean created;
  private boolean written;

  /**
   * Refuses, before any work, a run directory {@code out} that already holds a model or a
   * summary (a run never overwrites one).
   */
  static void checkNew(Path out, Configuration hadoop) {
    try {
      var fs = HadoopOutput.fileSystem(out, hadoop);
      for (String name : new String[] {"model", "summary.json"}) {
        if (fs.exists(new Path(out, name))) {
          throw new IllegalArgumentException("output directory " + out + " already holds " + name
              + "; choose another --out");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look into output directory " + out, e);
    }
  }

  /** Opens the run directory {@code dir} (created if absent; a new metrics.jsonl). */
  public RunOutput(Path dir, Configuration hadoop) throws IOException {
    this.output = HadoopOutput.of(dir, hadoop);
    this.dir = output.qualify(dir);
    this.created = !output.fs().exists(this.dir);
    output.fs().mkdirs(this.dir);
    this.stream = output.fs().create(new Path(this.dir, "metrics.jsonl"), true);
    this.metrics = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
  }

  public Path dir() {
    return dir;
  }

  /** Appends one epoch's line to metrics.jsonl and flushes it to the file system. */
  public void epoch(EpochStats s) {
    ObjectNode line = JSON.createObjectNode();
    line.put("epoch", s.epoch());
    line.put("iterations", s.iterations());
    line.put("loss", s.loss());
    if (!Double.isNaN(s.accuracy())) {
      line.put("accuracy", s.accuracy());
    }
    if (!Double.isNaN(s.validationLoss())) {
      line.put("validation_loss", s.validationLoss());
    }
    if (!Double.isNaN(s.validationAccuracy())) {
      line.put("validation_accuracy", s.validationAccuracy());
    }
    line.put("samples_per_second", s.samplesPerSecond());
    line.put("elapsed_seconds", s.elapsedSeconds());
    try {
      metrics.write(JSON.writeValueAsString(line));
      metrics.newLine();
      metrics.flush();
      stream.hflush();
      written = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the file {@code name} of the run directory (a report), replacing any. */
  public void file(String name, byte[] content) throws IOException {
    try (FSDataOutputStream file = output.fs().create(new Path(dir, name), true)) {
      file.write(content);
    }
    written = true;
  }

  /**
   * Closes metrics.jsonl, writes summary.json with the settings, where each came from
   * ({@code settings_origin}: default, config_file, spark_conf, set or estimator) and the figures
   * of the run, then marks the run directory complete; a summary already there is never
   * overwritten.
   */
  public void summary(Settings settings, Map<String, Object> figures) throws IOException {
    metrics.close();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode s = root.putObject("settings");
    settings.values().forEach(s::put);
    ObjectNode origin = root.putObject("settings_origin");
    settings.sources().forEach(origin::put);
    figures.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    output.createFile(new Path(dir, "summary.json"), "a run summary",
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    written = true;
    output.markCommitted(dir);
  }

  /**
   * Closes metrics.jsonl. When nothing was written (no epoch, no summary), deletes it, and the
   * run directory too if this output created it and nothing else was put there.
   */
  @Override
  public void close() throws IOException {
    metrics.close();
    if (!written) {
      var fs = output.fs();
      fs.delete(new Path(dir, "metrics.jsonl"), false);
      if (created && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    }
  }
}
