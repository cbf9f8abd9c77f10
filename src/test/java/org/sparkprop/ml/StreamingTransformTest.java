package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fitted model scores a streaming DataFrame (file source, memory sink) as it scores a batch. */
class StreamingTransformTest {

  @TempDir
  Path dir;

  private static Map<String, String> byFeatures(Dataset<Row> scored) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : scored.select("features", "probability", "prediction").collectAsList()) {
      m.put(r.get(0).toString(), r.get(1) + " " + r.get(2));
    }
    return m;
  }

  @Test
  void transformsAStream() throws Exception {
    SparkSession spark = MlTestData.spark();
    NeuralNetClassificationModel model = MlTestData.xorClassifier().setMaxIter(10)
        .fit(MlTestData.xor(200, 1));
    Dataset<Row> batch = MlTestData.xor(120, 2);
    String in = dir.resolve("in").toString();
    batch.repartition(3).write().parquet(in);

    Dataset<Row> stream = spark.readStream().schema(batch.schema()).parquet(in);
    assertTrue(stream.isStreaming());
    StreamingQuery query = model.transform(stream).writeStream().format("memory")
        .queryName("sparkprop_ml_scores").outputMode("append").start();
    try {
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    Dataset<Row> streamed = spark.sql("select * from sparkprop_ml_scores");
    assertEquals(120, streamed.count());
    assertEquals(byFeatures(model.transform(batch)), byFeatures(streamed));
  }
}
