package org.sparkprop.spark;

import java.util.Arrays;

/**
 * Writes the items of a training set with rows without labels beside it ({@link
 * ShardInput#withUnlabeled}): a labeled item as its own writer writes it, an {@link
 * UnlabeledItem} by the unlabeled set's writer with its targets then set all to 0, and
 * {@link #hasLabel} false, so that its shard flags it.
 *
 * @param <T> the labeled items' type
 * @param <U> the unlabeled items' type
 */
final class MixedWriter<T, U> implements SampleWriter<Object> {

  private static final long serialVersionUID = 1L;

  private final SampleWriter<T> labeled;
  private final SampleWriter<U> unlabeled;

  MixedWriter(SampleWriter<T> labeled, SampleWriter<U> unlabeled) {
    if (labeled.inputs() != unlabeled.inputs() || labeled.outputs() != unlabeled.outputs()) {
      throw new IllegalArgumentException("rows without labels have " + unlabeled.inputs()
          + " inputs and " + unlabeled.outputs() + " outputs; the training rows have "
          + labeled.inputs() + " and " + labeled.outputs());
    }
    this.labeled = labeled;
    this.unlabeled = unlabeled;
  }

  @Override
  public int inputs() {
    return labeled.inputs();
  }

  @Override
  public int outputs() {
    return labeled.outputs();
  }

  @Override
  @SuppressWarnings("unchecked")
  public float write(Object item, float[] x, int xAt, float[] t, int tAt) {
    if (item instanceof UnlabeledItem<?> u) {
      float w = unlabeled.write((U) u.item(), x, xAt, t, tAt);
      Arrays.fill(t, tAt, tAt + outputs(), 0f);
      return w;
    }
    return labeled.write((T) item, x, xAt, t, tAt);
  }

  @Override
  public boolean hasLabel(Object item) {
    return !(item instanceof UnlabeledItem<?>);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixedWriter<?, ?> m && m.labeled.equals(labeled)
        && m.unlabeled.equals(unlabeled);
  }

  @Override
  public int hashCode() {
    return 31 * labeled.hashCode() + unlabeled.hashCode();
  }
}
