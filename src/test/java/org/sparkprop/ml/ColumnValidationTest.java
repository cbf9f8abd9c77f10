package org.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sparkprop.fit.BadRowException;

/**
 * Column types are checked on the schema (no job runs); values that only the data shows (sizes,
 * NaN, labels, weights) fail the fit with a message that names the column and the value.
 */
class ColumnValidationTest {

  private static final NeuralNetClassifier NN = new NeuralNetClassifier().setLayers(2, 4, 2)
      .setMaxIter(2);

  /** Spark 4 keeps the executor's exception as the cause: the row error comes back typed. */
  @Test
  void aBadRowComesBackTypedWithSparksFailureAsItsCause() {
    BadRowException e = assertThrows(BadRowException.class, () -> NN.fit(
        frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, Double.NaN), 0.0))));
    assertEquals("features", e.column());
    assertTrue(e.getCause() instanceof org.apache.spark.SparkException,
        String.valueOf(e.getCause()));
  }

  private static void fails(Executable run, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static Dataset<Row> frame(StructType schema, Row... rows) {
    return MlTestData.spark().createDataFrame(List.of(rows), schema);
  }

  private static final StructType VECTOR_LABEL = new StructType()
      .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);

  @Test
  void typesAreCheckedOnTheSchema() {
    StructType stringFeatures = new StructType().add("features", DataTypes.StringType)
        .add("label", DataTypes.DoubleType);
    fails(() -> NN.transformSchema(stringFeatures),
        "Column features must be of type vector (or array<double>, array<float>) but was"
            + " actually string.");
    StructType intArray = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.IntegerType))
        .add("label", DataTypes.DoubleType);
    fails(() -> NN.transformSchema(intArray), "but was actually array<int>.");
    StructType stringLabel = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.StringType);
    fails(() -> NN.transformSchema(stringLabel),
        "Column label must be of type numeric but was actually of type string. Turn string"
            + " labels into indices with StringIndexer.");
    fails(() -> NN.copy(new org.apache.spark.ml.param.ParamMap()).setFeaturesCol("x")
        .transformSchema(VECTOR_LABEL), "Column x does not exist. Available columns: features,"
        + " label.");
    StructType stringWeight = VECTOR_LABEL.add("w", DataTypes.StringType);
    fails(() -> NN.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("w")
        .transformSchema(stringWeight),
        "Column w must be of type numeric but was actually of type string.");
    StructType taken = VECTOR_LABEL.add("prediction", DataTypes.DoubleType);
    fails(() -> NN.transformSchema(taken), "Column prediction already exists.");
    // the fit itself checks the schema first
    Dataset<Row> strings = MlTestData.xor(10, 1).withColumn("features", lit("x"));
    fails(() -> NN.fit(strings), "Column features must be of type vector");
  }

  @Test
  void featureSizeFromMetadataIsCheckedOnTheSchema() {
    Dataset<Row> three = MlTestData.spark().range(5).toDF("a")
        .withColumn("b", col("a").cast("double")).withColumn("c", col("a").cast("double"))
        .withColumn("label", lit(0.0));
    Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
        .setOutputCol("features").transform(three);
    fails(() -> NN.transformSchema(assembled.schema()),
        "Column features holds vectors of size 3 but layers[0] is 2");
  }

  @Test
  void badValuesFailTheFitNamingColumnAndValue() {
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, 2, 3), 0.0))),
        "Column features has a row of 3 values but layers[0] is 2");
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, Double.NaN), 0.0))),
        "Column features has NaN at index 1 of a row; features must be finite numbers");
    fails(() -> NN.fit(frame(VECTOR_LABEL,
            RowFactory.create(Vectors.dense(Double.NEGATIVE_INFINITY, 0), 1.0))),
        "Column features has -Infinity at index 0");
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, 2), 2.0))),
        "Column label has the label 2.0; classification labels must be integers in [0, 2)");
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, 2), 0.5))),
        "Column label has the label 0.5");
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, 2), null))),
        "Column label has a null value; every training row needs a label");
    fails(() -> NN.fit(frame(VECTOR_LABEL, RowFactory.create(null, 1.0))),
        "Column features has a null value");
    fails(() -> NN.fit(frame(VECTOR_LABEL)), "the training data has no rows");
  }

  @Test
  void badWeightsFailTheFit() {
    Dataset<Row> data = MlTestData.xor(20, 1);
    NeuralNetClassifier weighted = NN.copy(new org.apache.spark.ml.param.ParamMap())
        .setWeightCol("w");
    fails(() -> weighted.fit(data.withColumn("w", org.apache.spark.sql.functions.expr(
        "case when label = 0 then -1.0 else 1.0 end"))), "Column w has the weight -1.0;"
        + " sample weights must be finite numbers >= 0");
    fails(() -> weighted.fit(data.withColumn("w", lit(null).cast("double"))),
        "Column w has a null value");
    fails(() -> weighted.fit(data.withColumn("w", lit(Double.NaN))), "Column w has the weight NaN");
    fails(() -> weighted.fit(data.withColumn("w", lit(0.0))), "Column w has only zero weights");
  }

  @Test
  void regressionLabels() {
    NeuralNetRegressor one = new NeuralNetRegressor().setLayers(2, 3, 1);
    NeuralNetRegressor two = new NeuralNetRegressor().setLayers(2, 3, 2);
    StructType stringLabel = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.StringType);
    fails(() -> one.transformSchema(stringLabel),
        "Column label must be of type numeric, vector or array<double> but was actually string.");
    fails(() -> two.transformSchema(VECTOR_LABEL), "Column label is a single number per row but"
        + " layers ends with 2 outputs");
    StructType arrayLabel = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.createArrayType(DataTypes.DoubleType));
    assertEquals(SQLDataTypes.VectorType(),
        two.transformSchema(arrayLabel).apply("prediction").dataType());
    fails(() -> two.fit(frame(arrayLabel, RowFactory.create(Vectors.dense(1, 2),
            List.of(1.0, 2.0, 3.0)))), "Column label has a label of 3 values but layers ends with 2"
        + " outputs");
    fails(() -> one.fit(frame(new StructType().add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType), RowFactory.create(Vectors.dense(1, 2), Double.NaN))),
        "Column label has the label value NaN; regression targets must be finite numbers");
  }

  @Test
  void modelTransformChecksColumnsToo() {
    NeuralNetClassificationModel model = new NeuralNetClassificationModel("m",
        new org.sparkprop.nn.NetworkSpec(new int[] {2, 2}, new org.sparkprop.nn.Relu(),
            new org.sparkprop.nn.Softmax(), new org.sparkprop.nn.CrossEntropy()), new float[6]);
    StructType stringFeatures = new StructType().add("features", DataTypes.StringType);
    fails(() -> model.transformSchema(stringFeatures), "Column features must be of type vector");
    Dataset<Row> wrongSize = frame(VECTOR_LABEL, RowFactory.create(Vectors.dense(1, 2, 3), 0.0));
    // the rows are read by the tasks of the action: Spark reports the task's error
    Exception e = assertThrows(Exception.class, () -> model.transform(wrongSize).collectAsList());
    assertTrue(String.valueOf(e.getMessage()).contains("Column features has a row of 3 values but"
        + " layers[0] is 2"), e.getMessage());
    fails(() -> model.predict(Vectors.dense(1)), "Column features has a row of 1 values");
  }
}
