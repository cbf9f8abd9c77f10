package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.CheckpointInUseException;
import org.sparkprop.spark.CheckpointStore;

/** Fits that share a checkpointDir: each settings has its own directory, held by one fit. */
class ConcurrentCheckpointsTest {

  private static List<String> runs(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-"))
          .sorted().toList();
    }
  }

  @Test
  void aFitWhoseDirectoryIsHeldFailsAndOthersGoOn(@TempDir Path dir) throws Exception {
    Dataset<Row> train = MlTestData.xor(200, 3);
    NeuralNetClassifier nn = MlTestData.xorClassifier().setOptimizer("adam").setBatchSize(50)
        .setEpochs(2).setCheckpointDir(dir.toString());
    // Another fit with the same settings, in the middle of its run.
    try (CheckpointStore other = new CheckpointStore(dir.toString(), 1, 3,
        nn.settings().values(), null, train.sparkSession().sparkContext().hadoopConfiguration())) {
      CheckpointInUseException busy = assertThrows(CheckpointInUseException.class,
          () -> nn.fit(train));
      assertEquals(other.uri().toString(), busy.directory());
      assertTrue(busy.getMessage().contains("in use by another fit with the same settings"),
          busy.getMessage());
      // Other settings: another directory, not held.
      nn.copy(ParamMap.empty()).setSeed(8).fit(train);
      assertEquals(2, runs(dir).size(), runs(dir).toString());
    }
    // Released: the fit goes, and a resumed fit finds its checkpoints.
    nn.fit(train);
    NeuralNetClassificationModel resumed = nn.copy(ParamMap.empty()).setEpochs(3).setResume(true)
        .fit(train);
    assertEquals(3, resumed.summary().objectiveHistory().length);
    assertEquals(2, runs(dir).size(), runs(dir).toString());
  }

  /** A cross-validation that fits two settings at once, both checkpointing into one directory. */
  @Test
  void parallelCrossValidationKeepsTheFitsApart(@TempDir Path dir) throws Exception {
    Dataset<Row> train = MlTestData.xor(200, 21);
    NeuralNetClassifier nn = new NeuralNetClassifier().setLayers(2, 8, 2).setOptimizer("adam")
        .setBatchSize(50).setEpochs(3).setSeed(5).setPartitions(2)
        .setCheckpointDir(dir.toString());
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(nn.stepSize(), new double[] {0.01, 0.05})
        .build();
    new CrossValidator().setEstimator(nn).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator()).setNumFolds(2).setParallelism(2)
        .setSeed(1).fit(train);
    List<String> runs = runs(dir);
    assertEquals(2, runs.size(), runs.toString());
    for (String run : runs) {
      try (Stream<Path> files = Files.list(dir.resolve(run))) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("_LEASE")),
            "lease released in " + run);
      }
    }
  }
}
