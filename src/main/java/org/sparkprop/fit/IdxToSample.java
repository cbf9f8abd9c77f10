package org.sparkprop.fit;

import org.apache.spark.api.java.function.Function;
import org.sparkprop.data.IdxItems;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.SampleWriter;

/**
 * One IDX item ({@link IdxItems}: pixel bytes, label byte, index) to a sample, checked as {@link
 * RowToSample} checks the same item as a row: the pixel count against the inputs, the label as a
 * class or a regression target. The features are looked up in a 256-entry table, so that they
 * are the same floats as a row's doubles narrowed to float. The pixel count is checked once, when
 * this is made; an item is written straight into a shard's arrays ({@link SampleWriter}) or
 * becomes a row of its own ({@link #call}). Runs on the executors.
 */
public final class IdxToSample implements Function<byte[], SampleRow>, SampleWriter<byte[]> {
  private static final long serialVersionUID = 1L;
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
   * @throws BadRowException if {@code pixels} is not {@code inputs} (naming both)
   */
  public IdxToSample(String featuresCol, String labelCol, int pixels, boolean scale, int inputs,
      int outputs, boolean classify) {
    Columns.requireSize(featuresCol, pixels, inputs);
    this.labelCol = labelCol;
    this.pixels = pixels;
    this.inputs = inputs;
    this.outputs = outputs;
    this.classify = classify;
    this.values = IdxItems.pixelValues(scale);
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public SampleRow call(byte[] item) {
    return row(item);
  }

  @Override
  public float write(byte[] item, float[] x, int xAt, float[] t, int tAt) {
    for (int j = 0; j < inputs; j++) {
      x[xAt + j] = values[item[j] & 0xff];
    }
    int label = IdxItems.label(item, pixels);
    if (classify) {
      Columns.classTarget(label, labelCol, outputs, t, tAt);
    } else {
      // as Columns.regressionTarget makes it from the label as a number
      java.util.Arrays.fill(t, tAt, tAt + outputs, 0f);
      t[tAt] = label;
    }
    return 1f;
  }
}
