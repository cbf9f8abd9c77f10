package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;

/**
 * Fits of one architecture that run at the same time in one SparkSession (local[2], so tasks of
 * both run at once on the executor threads) keep their own executor-side state: the input
 * standardization and batch norm's running statistics of one never reach the tasks of the other.
 * Each fit is bitwise reproducible alone, so a concurrent fit must give bitwise what it gives
 * alone.
 */
class ConcurrentFitsTest {

  /** XOR with features x·scale + shift: clearly different means and variances per data set. */
  private static Dataset<Row> shiftedXor(int n, long seed, float shift, float scale) {
    RawData data = Synthetic.xor(n, 0.1, seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.rows(); i++) {
      double[] x = new double[data.columns()];
      for (int j = 0; j < x.length; j++) {
        x[j] = data.feature(i, j) * scale + shift;
      }
      rows.add(RowFactory.create(Vectors.dense(x), (double) data.label(i)));
    }
    StructType schema = new StructType()
        .add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    return MlTestData.spark().createDataFrame(rows, schema);
  }

  private static NeuralNetClassifier classifier() {
    return new NeuralNetClassifier().setLayers(2, 8, 8, 2).setStandardize(true)
        .setBatchNorm("true").setOptimizer("adam").setStepSize(0.01).setBatchSize(40)
        .setEpochs(8).setSeed(3).setPartitions(2);
  }

  /** Runs the calls at the same time, one thread each, released together. */
  private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFitsOfOneArchitectureGiveWhatTheyGiveAlone() throws Exception {
    Dataset<Row> near = shiftedXor(400, 31, 0f, 1f).cache();
    Dataset<Row> far = shiftedXor(400, 32, 40f, 6f).cache();
    near.count();
    far.count();

    NeuralNetClassificationModel nearAlone = classifier().fit(near);
    NeuralNetClassificationModel farAlone = classifier().fit(far);
    // The two data sets do give different standardizations: a leak would show.
    assertNotEquals(nearAlone.state()[0], farAlone.state()[0]);

    for (int round = 0; round < 2; round++) {
      List<NeuralNetClassificationModel> both = concurrently(List.of(
          () -> classifier().fit(near), () -> classifier().fit(far)));
      assertArrayEquals(nearAlone.theta(), both.get(0).theta(), "near, round " + round);
      assertArrayEquals(nearAlone.state(), both.get(0).state(), "near, round " + round);
      assertArrayEquals(farAlone.theta(), both.get(1).theta(), "far, round " + round);
      assertArrayEquals(farAlone.state(), both.get(1).state(), "far, round " + round);
    }
    near.unpersist();
    far.unpersist();
  }

  @Test
  void crossValidatorInParallelGivesTheModelsOfASequentialOne() {
    Dataset<Row> train = shiftedXor(300, 41, 5f, 2f).cache();
    train.count();
    NeuralNetClassifier nn = classifier().setEpochs(20);
    // The models of one fold train at the same time; different held-out fractions give them
    // different training rows, hence different standardizations and running statistics.
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(nn.validationFraction(), new double[] {0.1, 0.3})
        .build();
    // The log loss reads every probability: any change to a fold's model shows in its bits.
    MulticlassClassificationEvaluator logLoss = new MulticlassClassificationEvaluator()
        .setMetricName("logLoss");
    CrossValidator cv = new CrossValidator().setEstimator(nn).setEstimatorParamMaps(grid)
        .setEvaluator(logLoss).setNumFolds(2).setSeed(1);

    CrossValidatorModel sequential = cv.setParallelism(1).fit(train);
    CrossValidatorModel parallel = cv.setParallelism(2).fit(train);

    assertEquals(grid.length, sequential.avgMetrics().length);
    assertArrayEquals(sequential.avgMetrics(), parallel.avgMetrics());
    NeuralNetClassificationModel a = (NeuralNetClassificationModel) sequential.bestModel();
    NeuralNetClassificationModel b = (NeuralNetClassificationModel) parallel.bestModel();
    assertEquals(a.summary().settings(), b.summary().settings());
    assertArrayEquals(a.theta(), b.theta());
    assertArrayEquals(a.state(), b.state());
    train.unpersist();
  }
}
