package org.sparkprop.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.sparkprop.augment.Synonyms;
import org.sparkprop.augment.TextAugmentation;
import org.sparkprop.data.SynonymSource;
import org.sparkprop.settings.Setting;
import org.sparkprop.train.SettingRegistry;

/**
 * Offline text augmentation for Spark ML pipelines, on a column of words ({@code array<string>},
 * such as {@code Tokenizer}'s output): every input row, then {@code copies} changed copies of it
 * (synonym substitution, insertion of synonyms, swaps, deletion; see {@link TextAugmentation}),
 * with all other columns (the label among them) kept. The params take the defaults, checks and
 * docs of the trainer's {@code augment.text.*} settings (docs/augmentation.md).
 *
 * <p>Copy k (1 … copies) of a row draws from (seed, k, a hash of the row's words): the same
 * whichever partition holds the row, so a transform is reproducible; identical rows get identical
 * copies. The synonyms are read on the executors, once per JVM, from the Hadoop path or URI that
 * {@code synonyms} names ({@link SynonymSource}); the driver only checks that the files exist.
 */
public final class TextAugmenter extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam copies;
  private final LongParam seed;
  private final Param<String> synonyms;
  private final IntParam substitute;
  private final IntParam insert;
  private final IntParam swap;
  private final DoubleParam delete;

  public TextAugmenter() {
    this(Identifiable.randomUID("textAugmenter"));
  }

  /** With a given uid (Spark's persistence and {@code copy} use this one). */
  public TextAugmenter(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "column of the words, array<string>",
        Checks.<String>anyValue());
    outputCol = new Param<>(this, "outputCol", "column of the (changed) words; the input"
        + " column itself by default", Checks.<String>anyValue());
    copies = new IntParam(this, "copies", "changed copies added per row (0: the rows as they"
        + " are)", (Checks.Valid<Object>) v -> (Integer) v >= 0);
    seed = new LongParam(this, "seed", "seed of the random draws");
    synonyms = new Param<>(this, "synonyms", doc("augment.text.synonyms"),
        (Checks.Valid<String>) v -> SettingRegistry.get("augment.text.synonyms").valid(v));
    substitute = new IntParam(this, "substitute", doc("augment.text.substitute"),
        valid("augment.text.substitute"));
    insert = new IntParam(this, "insert", doc("augment.text.insert"),
        valid("augment.text.insert"));
    swap = new IntParam(this, "swap", doc("augment.text.swap"), valid("augment.text.swap"));
    delete = new DoubleParam(this, "delete", doc("augment.text.delete"),
        valid("augment.text.delete"));
    setDefault(inputCol, "words");
    setDefault(copies, 1);
    setDefault(seed, (long) TextAugmenter.class.getName().hashCode());
    setDefault(synonyms, "wordnet");
    setDefault(substitute, 0);
    setDefault(insert, 0);
    setDefault(swap, 0);
    setDefault(delete, 0.0);
  }

  private static String doc(String setting) {
    Setting s = SettingRegistry.get(setting);
    return s.doc() + " (" + s.expected() + ")";
  }

  private static Checks.Valid<Object> valid(String setting) {
    return v -> SettingRegistry.get(setting).valid(v);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam copies() {
    return copies;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> synonyms() {
    return synonyms;
  }

  public IntParam substitute() {
    return substitute;
  }

  public IntParam insert() {
    return insert;
  }

  public IntParam swap() {
    return swap;
  }

  public DoubleParam delete() {
    return delete;
  }

  public TextAugmenter setInputCol(String value) {
    return (TextAugmenter) set(inputCol, value);
  }

  public TextAugmenter setOutputCol(String value) {
    return (TextAugmenter) set(outputCol, value);
  }

  public TextAugmenter setCopies(int value) {
    return (TextAugmenter) set(copies, value);
  }

  public TextAugmenter setSeed(long value) {
    return (TextAugmenter) set(seed, value);
  }

  public TextAugmenter setSynonyms(String value) {
    return (TextAugmenter) set(synonyms, value);
  }

  public TextAugmenter setSubstitute(int value) {
    return (TextAugmenter) set(substitute, value);
  }

  public TextAugmenter setInsert(int value) {
    return (TextAugmenter) set(insert, value);
  }

  public TextAugmenter setSwap(int value) {
    return (TextAugmenter) set(swap, value);
  }

  public TextAugmenter setDelete(double value) {
    return (TextAugmenter) set(delete, value);
  }

  private String output() {
    return isDefined(outputCol) ? $(outputCol) : $(inputCol);
  }

  /** The operations the params describe. */
  public TextAugmentation augmentation() {
    return new TextAugmentation((Integer) $(substitute), (Integer) $(insert), (Integer) $(swap),
        (Double) $(delete));
  }

  private static final ArrayType WORDS = DataTypes.createArrayType(DataTypes.StringType, true);

  @Override
  public StructType transformSchema(StructType schema) {
    augmentation();
    String in = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("inputCol '" + in + "' is not a column of the data;"
          + " its columns are " + String.join(", ", schema.fieldNames()));
    }
    if (!(schema.apply(in).dataType() instanceof ArrayType a
        && a.elementType().equals(DataTypes.StringType))) {
      throw new IllegalArgumentException("inputCol '" + in + "' must hold array<string> (words,"
          + " e.g. from Tokenizer); it holds " + schema.apply(in).dataType().simpleString());
    }
    String out = output();
    if (out.equals(in)) {
      return schema;
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("outputCol '" + out + "' already exists");
    }
    return schema.add(new StructField(out, WORDS, true, schema.apply(in).metadata()));
  }

  /**
   * Every row followed by its copies.
   *
   * @throws org.sparkprop.data.MissingSynonymsException naming the path, when substitution or
   *     insertion is on and the synonym source is missing
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    TextAugmentation a = augmentation();
    int n = (Integer) $(copies);
    SparkContext context = dataset.sparkSession().sparkContext();
    String source = a.needsSynonyms() && n > 0 ? $(synonyms) : "none";
    SynonymSource.check(source, context.hadoopConfiguration());
    Broadcast<SerializableConfiguration> hadoop =
        SerializableConfiguration.broadcast(context, context.hadoopConfiguration());
    int in = dataset.schema().fieldIndex($(inputCol));
    boolean replace = output().equals($(inputCol));
    long s = (Long) $(seed);
    FlatMapFunction<Row, Row> expand = row -> {
      List<Row> rows = new ArrayList<>(n + 1);
      rows.add(with(row, in, replace, row.get(in)));
      if (n == 0 || row.isNullAt(in)) {
        return rows.iterator();
      }
      List<String> words = row.getList(in);
      Synonyms syn = SynonymSource.load(source, hadoop.value().value());
      long key = key(words);
      for (int k = 1; k <= n; k++) {
        List<String> copy = a.apply(words, syn, s, k, key);
        rows.add(with(row, in, replace, scala.jdk.javaapi.CollectionConverters.asScala(copy)
            .toSeq()));
      }
      return rows.iterator();
    };
    return dataset.toDF().flatMap(expand, Encoders.row(outSchema));
  }

  /** A 64-bit hash of the words, the same in every JVM. */
  static long key(List<String> words) {
    long h = 1125899906842597L;
    for (String w : words) {
      h = 31 * h + (w == null ? 0 : w.hashCode());
      h ^= h >>> 29;
    }
    return h;
  }

  private static Row with(Row row, int in, boolean replace, Object value) {
    Object[] values = new Object[row.length() + (replace ? 0 : 1)];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[replace ? in : row.length()] = value;
    return RowFactory.create(values);
  }

  @Override
  public TextAugmenter copy(ParamMap extra) {
    return (TextAugmenter) defaultCopy(extra);
  }

  public static MLReader<TextAugmenter> read() {
    return new DefaultParamsReader<>();
  }

  public static TextAugmenter load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "TextAugmenter(uid=" + uid + ", copies=" + $(copies) + ", synonyms=" + $(synonyms)
        + ", " + augmentation() + ")";
  }
}
