package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Settings;
import org.sparkprop.train.ShardWorker;

class PredictionsTest {

  @Test
  void everyRowKeepsItsColumnsAndGetsTheLocalForwardPass() {
    SparkSession spark = LocalSpark.session();
    JobConfig job = JobConfig.from(Settings.defaults().withOverride("layers=3,5,4", "--set"));
    Network network = new Network(job.network());
    float[] theta = org.sparkprop.nn.Initializer.initialTheta(network, job.init(), 3);
    int n = 1300; // more than two chunks of 512 in some partition
    List<Row> rows = new ArrayList<>();
    float[] x = new float[n * 3];
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = (float) v[j];
      }
      rows.add(RowFactory.create("key-" + i, Vectors.dense(v), (double) (i % 4)));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("features", new org.apache.spark.ml.linalg.VectorUDT())
        .add("label", DataTypes.DoubleType);
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
    Broadcast<float[]> weights = LocalSpark.context().broadcast(theta);
    Dataset<Row> out = Predictions.of(df, "features", network, weights, false);
    assertEquals(List.of("id", "label", "prediction", "outputs"), List.of(out.columns()));

    float[] expected = new float[n * 4];
    new ShardWorker(network).forEachOutput(theta, new Samples(x, new float[n * 4], n, 3, 4),
        (from, count, s) -> System.arraycopy(s, 0, expected, from * 4, count * 4));
    Map<String, Row> byId = new HashMap<>();
    for (Row r : out.collectAsList()) {
      byId.put(r.getString(0), r);
    }
    assertEquals(n, byId.size());
    for (int i = 0; i < n; i++) {
      Row r = byId.get("key-" + i);
      assertEquals((double) (i % 4), r.getDouble(1));
      List<Double> outputs = r.getList(3);
      int best = 0;
      for (int j = 0; j < 4; j++) {
        // The same float32 forward pass, in chunks of another size: equal to float rounding.
        assertEquals(expected[i * 4 + j], outputs.get(j), 1e-6, "row " + i + " output " + j);
        best = expected[i * 4 + j] > expected[i * 4 + best] ? j : best;
      }
      assertEquals(best, r.getDouble(2), 0, "row " + i);
    }
    Dataset<Row> flat = Predictions.of(df, "features", network, weights, true);
    assertEquals(List.of("id", "label", "prediction", "output_0", "output_1", "output_2",
        "output_3"), List.of(flat.columns()));
    assertEquals(n, flat.count());
  }
}
