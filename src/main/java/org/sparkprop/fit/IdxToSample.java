package org.sparkprop.fit;

import org.apache.spark.api.java.function.Function;
import org.sparkprop.data.IdxItems;
import org.sparkprop.spark.SampleRow;

/**
 * One IDX item ({@link IdxItems}: pixel bytes, label byte, index) to a sample, checked as {@link
 * RowToSample} checks the same item as a row: the pixel count against the inputs, the label as a
 * class or a regression target. The features are looked up in a 256-entry table, so that they
 * are the same floats as a row's doubles narrowed to float. Runs on the executors.
 */
public final class IdxToSample implements Function<byte[], SampleRow> {
  private static final long serialVersionUID = 1L;
  private final String featuresCol;
  private final String labelCol;
  private final int pixels;
  private final int inputs;
  private final int outputs;
  private final boolean classify;
  private final float[] values;

  /**
   * @param pixels the pixels per item
   * @param scale whether a feature is its pixel divided by 255
   * @param classify one-hot class targets from the labels, else real targets
   */
  public IdxToSample(String featuresCol, String labelCol, int pixels, boolean scale, int inputs,
      int outputs, boolean classify) {
    this.featuresCol = featuresCol;
    this.labelCol = labelCol;
    this.pixels = pixels;
    this.inputs = inputs;
    this.outputs = outputs;
    this.classify = classify;
    this.values = IdxItems.pixelValues(scale);
  }

  @Override
  public SampleRow call(byte[] item) {
    Columns.requireSize(featuresCol, pixels, inputs);
    float[] x = new float[inputs];
    for (int j = 0; j < inputs; j++) {
      x[j] = values[item[j] & 0xff];
    }
    Double label = (double) IdxItems.label(item, pixels);
    float[] t = classify ? Columns.classTarget(label, labelCol, outputs)
        : Columns.regressionTarget(label, labelCol, outputs);
    return new SampleRow(x, t, 1f);
  }
}
