package org.sparkprop.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;
import org.sparkprop.ml.NeuralNetClassificationModel;
import org.sparkprop.ml.NeuralNetClassifier;
import org.sparkprop.ml.NeuralNetTrainingSummary;

/**
 * sparkprop's network as one stage of a Spark ML {@link Pipeline}, from Java: string labels are
 * indexed, two numeric columns assembled into a vector and standardized, the network trained
 * data-parallel on the cluster, the fitted pipeline evaluated, saved and loaded back.
 *
 * <p>Run it with the project's test classpath (local mode), or with {@code spark-submit --class
 * org.sparkprop.examples.PipelineExample} on a cluster where the sparkprop jar is deployed.
 */
public final class PipelineExample {

  private PipelineExample() {}

  public static void main(String[] args) throws IOException {
    SparkConf conf = new SparkConf().setAppName("sparkprop pipeline example");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sparkprop-example");
      double accuracy = run(spark, work);
      System.out.printf("test accuracy %.4f; pipeline model saved in %s%n", accuracy,
          work.resolve("model"));
    } finally {
      if (ours) {
        spark.stop();
      }
    }
  }

  /** Fits, evaluates, saves and reloads the pipeline; returns the test accuracy. */
  public static double run(SparkSession spark, Path work) throws IOException {
    // Two concentric classes, "inner" and "outer", as a table with a string label.
    Dataset<Row> data = table(spark, Synthetic.circles(1200, 0.2, 42));
    Dataset<Row>[] split = data.randomSplit(new double[] {0.8, 0.2}, 7);
    Dataset<Row> train = split[0];
    Dataset<Row> test = split[1];

    StringIndexerModel labels = new StringIndexer().setInputCol("shape").setOutputCol("label")
        .fit(train);
    NeuralNetClassifier network = new NeuralNetClassifier()
        .setLayers(2, 16, 2)          // 2 features in, 16 hidden ReLU units, 2 classes out
        .setOptimizer("adam")         // any sparkprop optimizer; solver "l-bfgs" is the default
        .setStepSize(0.05)
        .setBatchSize(256)
        .setMaxIter(15)               // MLlib's name; epochs is the same setting
        .setSeed(1);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        labels,
        new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features"),
        network,
        new IndexToString().setInputCol("prediction").setOutputCol("predictedShape")
            .setLabels(labels.labelsArray()[0])});

    PipelineModel model = pipeline.fit(train);
    NeuralNetClassificationModel fitted = (NeuralNetClassificationModel) model.stages()[3];
    NeuralNetTrainingSummary summary = fitted.summary();
    System.out.printf("trained %d epochs (%s), final loss %.4f%n", summary.totalIterations(),
        summary.stopReason(), summary.objectiveHistory()[summary.totalIterations()]);

    Dataset<Row> predicted = model.transform(test);
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(predicted);

    String path = work.resolve("model").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    loaded.transform(test).select("x", "y", "shape", "predictedShape", "probability").show(5, false);
    return accuracy;
  }

  private static Dataset<Row> table(SparkSession spark, RawData set) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < set.rows(); i++) {
      rows.add(RowFactory.create((double) set.feature(i, 0), (double) set.feature(i, 1),
          set.label(i) == 0 ? "inner" : "outer"));
    }
    StructType schema = new StructType().add("x", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType).add("shape", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }
}
