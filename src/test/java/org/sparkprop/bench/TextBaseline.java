package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.data.DataSources;
import org.sparkprop.fit.TextSets;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * The baseline of a text job: Spark ML's multinomial {@code LogisticRegression} on the same
 * features as the network (the job's {@link TextSets}: same split, tokenizer, augmentation,
 * vectorizer and IDF), test accuracy and seconds.
 *
 * <pre>scripts/bench --main TextBaseline conf/fortunes.conf [name=value ...] [--maxIter N]
 * [--regParam R]</pre>
 */
public final class TextBaseline {

  private TextBaseline() {}

  public static void main(String[] args) {
    Settings settings = Settings.defaults().withFile(Path.of(args[0]));
    int maxIter = 100;
    double regParam = 0.0;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--maxIter")) {
        maxIter = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--regParam")) {
        regParam = Double.parseDouble(args[++i]);
      } else {
        settings = settings.withOverride(args[i], "command line");
      }
    }
    JobConfig job = JobConfig.from(settings);
    SparkSession spark = LocalSession.start(new SparkConf(), "text baseline");
    long start = System.nanoTime();
    TextSets sets = TextSets.read(spark, job.data(), job.seed());
    Dataset<Row> train = sets.train().cache();
    long trainRows = train.count();
    double featureSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    LogisticRegressionModel model = new LogisticRegression().setFamily("multinomial")
        .setMaxIter(maxIter).setRegParam(regParam).setFeaturesCol(DataSources.FEATURES)
        .setLabelCol(DataSources.LABEL).fit(train);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
        .setLabelCol(DataSources.LABEL).setMetricName("accuracy");
    Dataset<Row> test = sets.test();
    double testAccuracy = accuracy.evaluate(model.transform(test));
    double trainAccuracy = accuracy.evaluate(model.transform(train));
    System.out.printf(Locale.ROOT, "text baseline: LogisticRegression multinomial maxIter=%d"
        + " regParam=%s on %d training rows (%d classes), %d test rows, features %d (%s, idf"
        + " %s), augment.text.copies=%d %s%n", maxIter, regParam, trainRows,
        sets.classNames().size(), test.count(), job.data().text().features(),
        job.data().text().vectorizer(), job.data().text().idf(), job.data().text().copies(),
        job.data().text().augmentation());
    System.out.printf(Locale.ROOT, "train accuracy %.4f, test accuracy %.4f; features %.1f s,"
        + " fit %.1f s%n", trainAccuracy, testAccuracy, featureSeconds, fitSeconds);
    spark.stop();
  }
}
