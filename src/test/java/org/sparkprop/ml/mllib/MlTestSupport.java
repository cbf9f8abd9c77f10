package org.sparkprop.ml.mllib;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.sparkprop.ml.NeuralNetClassificationModel;

/**
 * The parts of Spark's MLTest and ProbabilisticClassifierSuite the perceptron scenarios use:
 * transform checked row by row on a batch and on a streaming DataFrame, the copy and uid checks,
 * and the agreement of the predict methods with transform.
 */
final class MlTestSupport {

  private static final AtomicInteger QUERIES = new AtomicInteger();

  private MlTestSupport() {}

  /**
   * Runs {@code check} on every row of {@code transformer}'s output columns {@code cols}, first
   * on {@code data}, then on {@code data} read as a stream (parquet files under {@code dir},
   * memory sink); both give every row.
   */
  static void testTransformer(Transformer transformer, Dataset<Row> data, Path dir,
      Consumer<Row> check, String... cols) throws Exception {
    List<Row> batch = transformer.transform(data).select(columns(cols)).collectAsList();
    assertEquals(data.count(), batch.size());
    batch.forEach(check);

    SparkSession spark = data.sparkSession();
    String in = dir.resolve("stream-in-" + QUERIES.incrementAndGet()).toString();
    data.write().parquet(in);
    Dataset<Row> stream = spark.readStream().schema(data.schema()).parquet(in);
    String name = "mllib_suite_" + QUERIES.incrementAndGet();
    StreamingQuery query = transformer.transform(stream).select(columns(cols)).writeStream()
        .format("memory").queryName(name).outputMode("append").start();
    try {
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    List<Row> streamed = spark.sql("select * from " + name).collectAsList();
    assertEquals(batch.size(), streamed.size());
    streamed.forEach(check);
  }

  private static org.apache.spark.sql.Column[] columns(String... cols) {
    org.apache.spark.sql.Column[] c = new org.apache.spark.sql.Column[cols.length];
    for (int i = 0; i < cols.length; i++) {
      c[i] = col(cols[i]);
    }
    return c;
  }

  /** The model has its estimator's uid and parent; a copy keeps both. */
  static void checkCopyAndUids(Estimator<?> estimator, Model<?> model) {
    assertEquals(estimator.uid(), model.uid());
    assertEquals(estimator.uid(), model.parent().uid());
    Model<?> copy = (Model<?>) model.copy(ParamMap.empty());
    assertNotSame(model, copy);
    assertEquals(model.uid(), copy.uid());
    assertEquals(model.parent(), copy.parent());
  }

  /**
   * transform with every output column and with each left out agrees with predictRaw,
   * predictProbability and predict of each row; probability is raw2probability of rawPrediction
   * and prediction its argmax.
   */
  static void testPredictMethods(NeuralNetClassificationModel model, Dataset<Row> data) {
    List<Row> all = model.transform(data)
        .select("features", "rawPrediction", "probability", "prediction").collectAsList();
    for (Row r : all) {
      Vector x = r.getAs(0);
      Vector raw = r.getAs(1);
      Vector probability = r.getAs(2);
      assertArrayEquals(raw.toArray(), model.predictRaw(x).toArray(), 1e-5);
      assertArrayEquals(probability.toArray(), model.predictProbability(x).toArray(), 1e-6);
      assertArrayEquals(probability.toArray(),
          model.raw2probabilityInPlace(raw.copy()).toArray(), 1e-6);
      assertEquals(probability.argmax(), (int) r.getDouble(3));
      assertEquals(r.getDouble(3), model.predict(x));
    }
    for (String left : List.of("rawPredictionCol", "probabilityCol", "predictionCol")) {
      NeuralNetClassificationModel m = model.copy(
          new ParamMap().put(model.getParam(left), ""));
      Dataset<Row> out = m.transform(data);
      List<String> names = List.of(out.columns());
      assertTrue(!names.contains(model.getOrDefault(model.getParam(left))), left);
      if (names.contains("prediction")) {
        List<Row> predicted = out.select("prediction").collectAsList();
        for (int i = 0; i < all.size(); i++) {
          assertEquals(all.get(i).getDouble(3), predicted.get(i).getDouble(0), left);
        }
      }
    }
  }
}
