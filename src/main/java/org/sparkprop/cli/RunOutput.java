package org.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.sparkprop.train.EpochStats;

/**
 * The files a training run leaves in its output directory: {@code metrics.jsonl} (one JSON object
 * per epoch, appended as epochs finish, so a long run can be followed), {@code summary.json} at the
 * end, and the model.
 */
public final class RunOutput implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final BufferedWriter metrics;

  public RunOutput(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.metrics = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  public Path dir() {
    return dir;
  }

  /** Appends one epoch's line to metrics.jsonl and flushes it. */
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes summary.json with the settings and the figures of the run. */
  public void summary(Map<String, String> settings, Map<String, Object> figures)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode s = root.putObject("settings");
    settings.forEach(s::put);
    figures.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    // Written aside and moved into place: a reader sees the whole summary or none.
    Path partial = dir.resolve(".summary.json.partial");
    JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), root);
    Files.move(partial, dir.resolve("summary.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    metrics.close();
  }
}
