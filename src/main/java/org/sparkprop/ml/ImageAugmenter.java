package org.sparkprop.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
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
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.settings.Setting;
import org.sparkprop.train.SettingRegistry;

/**
 * Offline image augmentation for Spark ML pipelines: every input row, then {@code copies}
 * augmented copies of it, with all other columns (the label among them) kept. The transforms and
 * their meanings are those of the trainer's {@code augment.*} settings (docs/augmentation.md),
 * whose defaults, checks and docs these params take.
 *
 * <p>Copy k (1 … copies) of a row draws from (seed, k, a hash of the row's input values): the
 * same whichever partition holds the row, so a transform is reproducible; identical rows get
 * identical copies. Only the rows' own values are read: nothing is collected on the driver.
 */
public final class ImageAugmenter extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam copies;
  private final LongParam seed;
  private final Param<String> imageShape;
  private final BooleanParam flip;
  private final DoubleParam rotate;
  private final IntParam shift;
  private final Param<String> crop;
  private final DoubleParam brightness;
  private final DoubleParam contrast;
  private final DoubleParam saturation;
  private final DoubleParam noise;

  public ImageAugmenter() {
    this(Identifiable.randomUID("imageAugmenter"));
  }

  /** With a given uid (Spark's persistence and {@code copy} use this one). */
  public ImageAugmenter(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "column of the images, one vector per row",
        Checks.<String>anyValue());
    outputCol = new Param<>(this, "outputCol", "column of the (augmented) images; the input"
        + " column itself by default", Checks.<String>anyValue());
    copies = new IntParam(this, "copies", "augmented copies added per row (0: the rows as"
        + " they are)", (Checks.Valid<Object>) v -> (Integer) v >= 0);
    seed = new LongParam(this, "seed", "seed of the random draws");
    imageShape = text("imageShape", "data.imageShape");
    flip = new BooleanParam(this, "flip", doc("augment.flip"));
    rotate = new DoubleParam(this, "rotate", doc("augment.rotate"), valid("augment.rotate"));
    shift = new IntParam(this, "shift", doc("augment.shift"), valid("augment.shift"));
    crop = text("crop", "augment.crop");
    brightness = new DoubleParam(this, "brightness", doc("augment.brightness"),
        valid("augment.brightness"));
    contrast = new DoubleParam(this, "contrast", doc("augment.contrast"),
        valid("augment.contrast"));
    saturation = new DoubleParam(this, "saturation", doc("augment.saturation"),
        valid("augment.saturation"));
    noise = new DoubleParam(this, "noise", doc("augment.noise"), valid("augment.noise"));
    setDefault(inputCol, "features");
    setDefault(copies, 1);
    setDefault(seed, (long) ImageAugmenter.class.getName().hashCode());
    setDefault(imageShape, "");
    setDefault(flip, false);
    setDefault(rotate, 0.0);
    setDefault(shift, 0);
    setDefault(crop, "");
    setDefault(brightness, 0.0);
    setDefault(contrast, 0.0);
    setDefault(saturation, 0.0);
    setDefault(noise, 0.0);
  }

  private static String doc(String setting) {
    Setting s = SettingRegistry.get(setting);
    return s.doc() + " (" + s.expected() + ")";
  }

  private static Checks.Valid<Object> valid(String setting) {
    return v -> SettingRegistry.get(setting).valid(v);
  }

  private Param<String> text(String name, String setting) {
    return new Param<>(this, name, doc(setting),
        (Checks.Valid<String>) v -> SettingRegistry.get(setting).valid(v));
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

  public Param<String> imageShape() {
    return imageShape;
  }

  public BooleanParam flip() {
    return flip;
  }

  public DoubleParam rotate() {
    return rotate;
  }

  public IntParam shift() {
    return shift;
  }

  public Param<String> crop() {
    return crop;
  }

  public DoubleParam brightness() {
    return brightness;
  }

  public DoubleParam contrast() {
    return contrast;
  }

  public DoubleParam saturation() {
    return saturation;
  }

  public DoubleParam noise() {
    return noise;
  }

  public ImageAugmenter setInputCol(String value) {
    return (ImageAugmenter) set(inputCol, value);
  }

  public ImageAugmenter setOutputCol(String value) {
    return (ImageAugmenter) set(outputCol, value);
  }

  public ImageAugmenter setCopies(int value) {
    return (ImageAugmenter) set(copies, value);
  }

  public ImageAugmenter setSeed(long value) {
    return (ImageAugmenter) set(seed, value);
  }

  public ImageAugmenter setImageShape(String value) {
    return (ImageAugmenter) set(imageShape, value);
  }

  public ImageAugmenter setFlip(boolean value) {
    return (ImageAugmenter) set(flip, value);
  }

  public ImageAugmenter setRotate(double value) {
    return (ImageAugmenter) set(rotate, value);
  }

  public ImageAugmenter setShift(int value) {
    return (ImageAugmenter) set(shift, value);
  }

  public ImageAugmenter setCrop(String value) {
    return (ImageAugmenter) set(crop, value);
  }

  public ImageAugmenter setBrightness(double value) {
    return (ImageAugmenter) set(brightness, value);
  }

  public ImageAugmenter setContrast(double value) {
    return (ImageAugmenter) set(contrast, value);
  }

  public ImageAugmenter setSaturation(double value) {
    return (ImageAugmenter) set(saturation, value);
  }

  public ImageAugmenter setNoise(double value) {
    return (ImageAugmenter) set(noise, value);
  }

  private String output() {
    return isDefined(outputCol) ? $(outputCol) : $(inputCol);
  }

  /**
   * The transforms the params describe.
   *
   * @throws IllegalArgumentException naming the param when they cannot apply (an image transform
   *     without {@code imageShape}, a shift as large as the image, ...)
   */
  public Augmentation augmentation() {
    String shapeText = $(imageShape);
    ImageShape shape = shapeText.isBlank() ? null : ImageShape.parse(shapeText, "imageShape");
    int[] window = SettingRegistry.cropOf($(crop));
    Augmentation a = new Augmentation(shape, (Boolean) $(flip), (Double) $(rotate),
        (Integer) $(shift), window[0], window[1], (Double) $(brightness), (Double) $(contrast),
        (Double) $(saturation), (Double) $(noise));
    return a.withShape(shape);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    augmentation();
    String in = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("inputCol '" + in + "' is not a column of the data;"
          + " its columns are " + String.join(", ", schema.fieldNames()));
    }
    if (!schema.apply(in).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("inputCol '" + in + "' must hold vectors; it holds "
          + schema.apply(in).dataType().simpleString());
    }
    String out = output();
    if (out.equals(in)) {
      return schema;
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("outputCol '" + out + "' already exists");
    }
    return schema.add(new StructField(out, SQLDataTypes.VectorType(), false,
        schema.apply(in).metadata()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    Augmentation a = augmentation();
    int in = dataset.schema().fieldIndex($(inputCol));
    boolean replace = output().equals($(inputCol));
    int n = (Integer) $(copies);
    long s = (Long) $(seed);
    FlatMapFunction<Row, Row> expand = row -> {
      List<Row> rows = new ArrayList<>(n + 1);
      float[] x = toFloats((Vector) row.get(in));
      rows.add(with(row, in, replace, row.get(in)));
      long key = Arrays.hashCode(x);
      float[] scratch = new float[x.length];
      for (int k = 1; k <= n; k++) {
        float[] copy = x.clone();
        a.apply(copy, 0, copy.length, s, k, key, scratch);
        rows.add(with(row, in, replace, toVector(copy)));
      }
      return rows.iterator();
    };
    return dataset.toDF().flatMap(expand, Encoders.row(outSchema));
  }

  private static Row with(Row row, int in, boolean replace, Object value) {
    Object[] values = new Object[row.length() + (replace ? 0 : 1)];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[replace ? in : row.length()] = value;
    return RowFactory.create(values);
  }

  private static float[] toFloats(Vector v) {
    float[] x = new float[v.size()];
    double[] d = v.toArray();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) d[i];
    }
    return x;
  }

  private static DenseVector toVector(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return new DenseVector(d);
  }

  @Override
  public ImageAugmenter copy(ParamMap extra) {
    return (ImageAugmenter) defaultCopy(extra);
  }

  public static MLReader<ImageAugmenter> read() {
    return new DefaultParamsReader<>();
  }

  public static ImageAugmenter load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "ImageAugmenter(uid=" + uid + ", copies=" + $(copies) + ", " + augmentation() + ")";
  }
}
