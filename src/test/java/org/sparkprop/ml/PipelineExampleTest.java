package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.examples.PipelineExample;

/** The Java example of docs/spark-ml.md runs and learns. */
class PipelineExampleTest {

  @TempDir
  Path dir;

  @Test
  void exampleRuns() throws Exception {
    double accuracy = PipelineExample.run(MlTestData.spark(), dir);
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
    assertTrue(Files.isDirectory(dir.resolve("model/stages")));
  }
}
