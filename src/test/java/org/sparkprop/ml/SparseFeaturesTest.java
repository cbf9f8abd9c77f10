package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkprop.tensor.Csr;
import org.sparkprop.train.Samples;
import org.sparkprop.train.SparseSets;

/**
 * A classifier fitted on SparseVector features (held sparse: standardize off) scores sparse and
 * dense features of the same rows alike, through transform (the sparse first layer for chunks of
 * sparse vectors) and predictRaw one row at a time, and learns the data.
 */
class SparseFeaturesTest {

  private static Dataset<Row> frame(Samples s, boolean sparse) {
    List<Row> rows = new ArrayList<>();
    Csr x = s.sparse();
    for (int r = 0; r < s.rows(); r++) {
      int from = x.rowStart()[r];
      int to = x.rowStart()[r + 1];
      int[] index = Arrays.copyOfRange(x.index(), from, to);
      double[] value = new double[to - from];
      for (int e = 0; e < value.length; e++) {
        value[e] = x.value()[from + e];
      }
      Vector v = Vectors.sparse(s.inputs(), index, value);
      rows.add(RowFactory.create(sparse ? v : v.toDense(), (double) s.label(r)));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("features", SQLDataTypes.VectorType(), false,
            org.apache.spark.sql.types.Metadata.empty()),
        new StructField("label", DataTypes.DoubleType, false,
            org.apache.spark.sql.types.Metadata.empty())});
    return MlTestData.spark().createDataFrame(rows, schema);
  }

  @Test
  void sparseAndDenseFeaturesScoreAlike() {
    Samples train = SparseSets.topics(600, 3000, 4, 20, 1);
    Samples test = SparseSets.topics(200, 3000, 4, 20, 2);
    NeuralNetClassificationModel model = new NeuralNetClassifier().setLayers(3000, 16, 4)
        .setStandardize(false).setSolver("gd").setOptimizer("adam").setBatchSize(50)
        .setEpochs(8).setSeed(5).fit(frame(train, true));
    List<Row> sparse = model.transform(frame(test, true)).select("rawPrediction", "prediction")
        .collectAsList();
    List<Row> dense = model.transform(frame(test, false)).select("rawPrediction", "prediction")
        .collectAsList();
    int correct = 0;
    for (int r = 0; r < test.rows(); r++) {
      double[] a = ((Vector) sparse.get(r).get(0)).toArray();
      double[] b = ((Vector) dense.get(r).get(0)).toArray();
      assertArrayEquals(b, a, 1e-4, "row " + r);
      correct += sparse.get(r).getDouble(1) == test.label(r) ? 1 : 0;
    }
    assertTrue(correct > 0.6 * test.rows(), correct + " of " + test.rows() + " right");
    Vector one = ((Vector) frame(test, true).first().get(0));
    assertArrayEquals(model.predictRaw(one.toDense()).toArray(), model.predictRaw(one).toArray(),
        1e-4);
    assertEquals(((Vector) dense.get(0).get(0)).size(), 4);
  }
}
