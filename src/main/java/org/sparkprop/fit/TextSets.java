package org.sparkprop.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.data.DataSources;
import org.sparkprop.data.ReadData;
import org.sparkprop.data.TextSource;
import org.sparkprop.ml.TextAugmenter;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.TextConfig;

/**
 * A job's sets of text records ({@code data.format=text}) as rows of {@link DataSources#FEATURES}
 * and {@link DataSources#LABEL}, made by Spark ML's feature stages: {@code RegexTokenizer} (lower
 * case, split at runs of characters other than letters, digits and apostrophes) → {@link
 * TextAugmenter} (training set only, when {@code augment.text.copies} > 0) → {@code HashingTF}
 * or {@code CountVectorizer} → {@code IDF}. The pipeline is fit on the training set, a
 * distributed Spark ML fit; the test and validation sets go through the fitted stages with no
 * copies.
 *
 * <p>A test set carved out of the training records is split before anything is fit, by a
 * seeded hash of each record (text and class): the same split whatever the partitioning, and no
 * augmented copy of a test record, nor its words' document frequencies, reaches training.
 *
 * <p>The features come out as sparse vectors: the shards keep them sparse (CSR) when
 * {@code data.sparse} allows it (with {@code auto}: no {@code standardize}), and densify them as
 * they are packed otherwise.
 *
 * @param classNames the class names, class 0 first
 * @param testSource what the test set is, for reports
 */
public record TextSets(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> test,
    List<String> classNames, String testSource) {

  private static final String WORDS = "__sparkprop_words";
  private static final String COUNTS = "__sparkprop_counts";

  /** The job's text sets; the fit runs here (a Spark job), the sets stay lazy. */
  public static TextSets read(SparkSession spark, DataConfig data, long seed) {
    TextConfig text = data.text();
    String labelCol = data.labelCols().get(0);
    ReadData read = TextSource.read(spark, text, labelCol, data.train(), List.of());
    List<String> names = read.labelNames();
    Dataset<Row> train = read.rows();
    Dataset<Row> test;
    String testSource;
    if (data.heldOut()) {
      Column position = position(seed);
      test = train.where(position.lt(data.testFraction()));
      train = train.where(position.geq(data.testFraction()));
      testSource = data.testFraction() + " of " + data.train() + " held out";
    } else {
      test = TextSource.read(spark, text, labelCol, data.test(), names).rows();
      testSource = data.test();
    }
    Dataset<Row> validation = data.validation().isEmpty() ? null
        : TextSource.read(spark, text, labelCol, data.validation(), names).rows();
    TextAugmenter augmenter = augmenter(text, seed);
    PipelineModel model = pipeline(text, augmenter).fit(train);
    ParamMap noCopies = new ParamMap().put(augmenter.copies().w(0));
    return new TextSets(features(model.transform(train)),
        validation == null ? null : features(model.transform(validation, noCopies)),
        features(model.transform(test, noCopies)), names, testSource);
  }

  /** A record's place in [0, 1) under {@code seed}: a hash of its text and class. */
  static Column position(long seed) {
    long scale = 1L << 53;
    return pmod(xxhash64(col(TextSource.TEXT), col(DataSources.LABEL), lit(seed)), lit(scale))
        .cast("double").divide(lit((double) scale));
  }

  private static TextAugmenter augmenter(TextConfig text, long seed) {
    return new TextAugmenter().setInputCol(WORDS).setCopies(text.augments() ? text.copies() : 0)
        .setSeed(seed).setSynonyms(text.synonyms())
        .setSubstitute(text.augmentation().substitute()).setInsert(text.augmentation().insert())
        .setSwap(text.augmentation().swap()).setDelete(text.augmentation().delete());
  }

  /** Tokenizer → augmenter → vectorizer → IDF, with the features in DataSources.FEATURES. */
  static Pipeline pipeline(TextConfig text, TextAugmenter augmenter) {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new RegexTokenizer().setInputCol(TextSource.TEXT).setOutputCol(WORDS)
        .setPattern("[^\\p{L}\\p{N}']+").setToLowercase(true));
    stages.add(augmenter);
    String counts = text.idf() ? COUNTS : DataSources.FEATURES;
    if (text.vectorizer().equals("count")) {
      stages.add(new CountVectorizer().setInputCol(WORDS).setOutputCol(counts)
          .setVocabSize(text.features()));
    } else {
      stages.add(new HashingTF().setInputCol(WORDS).setOutputCol(counts)
          .setNumFeatures(text.features()));
    }
    if (text.idf()) {
      stages.add(new IDF().setInputCol(COUNTS).setOutputCol(DataSources.FEATURES));
    }
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  private static Dataset<Row> features(Dataset<Row> rows) {
    return rows.select(DataSources.FEATURES, DataSources.LABEL);
  }
}
