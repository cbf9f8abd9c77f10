package org.sparkprop.fit;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Row;
import org.sparkprop.spark.SampleRow;

/**
 * One DataFrame row (features, label, weight: the first three columns) to a sample, checked:
 * sizes, NaN, labels. Runs on the executors; errors name the column. A sparse vector stays sparse
 * ({@link SampleRow#sparse}).
 */
public final class RowToSample implements Function<Row, SampleRow> {
  private static final long serialVersionUID = 1L;
  private final String featuresCol;
  private final String labelCol;
  private final int inputs;
  private final int outputs;
  private final boolean classify;

  /** @param classify one-hot class targets from integer labels, else real targets */
  public RowToSample(String featuresCol, String labelCol, int inputs, int outputs,
      boolean classify) {
    this.featuresCol = featuresCol;
    this.labelCol = labelCol;
    this.inputs = inputs;
    this.outputs = outputs;
    this.classify = classify;
  }

  @Override
  public SampleRow call(Row row) {
    float w = row.size() > 2 ? (float) row.getDouble(2) : 1f;
    if (row.get(0) instanceof SparseVector v) {
      // Kept sparse: the shards hold it so or densify it where they are packed.
      float[] t = classify ? Columns.classTarget(row.get(1), labelCol, outputs)
          : Columns.regressionTarget(row.get(1), labelCol, outputs);
      return Columns.sparseFeatures(v, featuresCol, inputs, t, w);
    }
    float[] x = new float[inputs];
    Columns.features(row.get(0), featuresCol, inputs, x, 0, true);
    float[] t = classify ? Columns.classTarget(row.get(1), labelCol, outputs)
        : Columns.regressionTarget(row.get(1), labelCol, outputs);
    return new SampleRow(x, t, w);
  }
}
