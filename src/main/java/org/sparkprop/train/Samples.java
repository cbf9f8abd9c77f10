package org.sparkprop.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import org.sparkprop.tensor.Csr;
import org.sparkprop.tensor.FloatArrays;

/**
 * A set of training samples S = {(x_n, t_n)} held as two dense row-major float32 matrices:
 * {@code x} is rows × inputs (M_0 columns), {@code t} is rows × outputs (M_L columns; one-hot
 * class posteriors for classification, real targets for regression). {@code w} holds a weight
 * per row (the loss is then Σ_n w_n q_n and its mean divides by Σ_n w_n), or null for all ones.
 *
 * <p>Sparse inputs: with {@code sparse} not null the inputs are its rows (compressed sparse rows
 * of M_0 columns, exactly {@code rows} of them) and {@code x} is empty.
 *
 * <p>Rows without a label (knowledge distillation, {@link org.sparkprop.nn.Distillation}): row n
 * has none when {@code unlabeled[n]} is set, and learns from a teacher's soft targets only; its
 * targets are packed all 0 but are never what says so. {@code unlabeled} is null when every row
 * has a label.
 */
public record Samples(float[] x, float[] t, int rows, int inputs, int outputs, float[] w,
    Csr sparse, boolean[] unlabeled) implements Serializable {

  /** Unweighted samples (every w_n = 1). */
  public Samples(float[] x, float[] t, int rows, int inputs, int outputs) {
    this(x, t, rows, inputs, outputs, null, null);
  }

  /** Dense samples. */
  public Samples(float[] x, float[] t, int rows, int inputs, int outputs, float[] w) {
    this(x, t, rows, inputs, outputs, w, null);
  }

  /** Samples, dense or sparse, every row with a label. */
  public Samples(float[] x, float[] t, int rows, int inputs, int outputs, float[] w,
      Csr sparse) {
    this(x, t, rows, inputs, outputs, w, sparse, null);
  }

  /** Samples whose inputs are the sparse rows {@code x}. */
  public static Samples sparse(Csr x, float[] t, int outputs, float[] w) {
    return new Samples(new float[0], t, x.rows(), x.columns(), outputs, w, x);
  }

  /**
   * These samples with row n flagged as without a label where {@code unlabeled[n]} is set (null:
   * every row has a label).
   */
  public Samples withUnlabeled(boolean[] unlabeled) {
    return new Samples(x, t, rows, inputs, outputs, w, sparse, unlabeled);
  }

  public Samples {
    if (sparse != null && (sparse.rows() != rows || sparse.columns() != inputs
        || x.length != 0)) {
      throw new IllegalArgumentException("sparse samples of " + rows + "x" + inputs + " have"
          + " inputs of " + sparse.rows() + "x" + sparse.columns() + " and " + x.length
          + " dense values; they need the same shape and no dense values");
    }
    if (w != null && w.length != rows) {
      throw new IllegalArgumentException("samples have " + rows + " rows but " + w.length
          + " weights");
    }
    if (unlabeled != null && unlabeled.length != rows) {
      throw new IllegalArgumentException("samples have " + rows + " rows but "
          + unlabeled.length + " flags of rows without a label");
    }
    if (rows < 0 || inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "samples need rows >= 0, inputs >= 1 and outputs >= 1, got rows=" + rows
              + ", inputs=" + inputs + ", outputs=" + outputs);
    }
    if ((sparse == null && x.length != (long) rows * inputs) || t.length != (long) rows * outputs) {
      throw new IllegalArgumentException(
          "sample matrices do not match their shape: x has " + x.length + " values for "
              + rows + "x" + inputs + ", t has " + t.length + " for " + rows + "x" + outputs);
    }
  }

  /**
   * Java serialization goes through {@link Bulk}: a record's arrays would be written one float
   * at a time (about 5 ns a value here, a quarter of a second each way for Fashion-MNIST's
   * training images) on their way to the executors.
   */
  private Object writeReplace() throws ObjectStreamException {
    return new Bulk(this);
  }

  /** The serialized form of {@link Samples}: shape, then x, t, w and the flags in bulk. */
  private static final class Bulk implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient Samples samples;

    Bulk(Samples samples) {
      this.samples = samples;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(samples.rows);
      out.writeInt(samples.inputs);
      out.writeInt(samples.outputs);
      FloatArrays.write(out, samples.x);
      FloatArrays.write(out, samples.t);
      FloatArrays.write(out, samples.w);
      Csr s = samples.sparse;
      out.writeBoolean(s != null);
      if (s != null) {
        int n = s.nonZeros();
        int[] start = s.rowStart();
        FloatArrays.writeInts(out, start.length == s.rows() + 1 ? start
            : java.util.Arrays.copyOf(start, s.rows() + 1));
        FloatArrays.writeInts(out, s.index().length == n ? s.index()
            : java.util.Arrays.copyOf(s.index(), n));
        FloatArrays.write(out, s.value().length == n ? s.value()
            : java.util.Arrays.copyOf(s.value(), n));
      }
      writeFlags(out, samples.unlabeled);
    }

    /** {@code flags} as their length (−1 for null) and one byte each. */
    private static void writeFlags(ObjectOutputStream out, boolean[] flags) throws IOException {
      if (flags == null) {
        out.writeInt(-1);
        return;
      }
      byte[] bytes = new byte[flags.length];
      for (int i = 0; i < flags.length; i++) {
        bytes[i] = (byte) (flags[i] ? 1 : 0);
      }
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private static boolean[] readFlags(ObjectInputStream in) throws IOException {
      int length = in.readInt();
      if (length < -1) {
        throw new IOException("corrupt flags of rows without a label: length " + length);
      }
      if (length == -1) {
        return null;
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      boolean[] flags = new boolean[length];
      for (int i = 0; i < length; i++) {
        flags[i] = bytes[i] != 0;
      }
      return flags;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      int rows = in.readInt();
      int inputs = in.readInt();
      int outputs = in.readInt();
      float[] x = FloatArrays.read(in);
      float[] t = FloatArrays.read(in);
      float[] w = FloatArrays.read(in);
      boolean sparse = in.readBoolean();
      try {
        Csr csr = !sparse ? null : new Csr(rows, inputs, FloatArrays.readInts(in),
            FloatArrays.readInts(in), FloatArrays.read(in)).check();
        boolean[] unlabeled = readFlags(in);
        samples = new Samples(x, t, rows, inputs, outputs, w, csr, unlabeled);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new java.io.InvalidObjectException("corrupt samples: " + e.getMessage());
      }
    }

    private Object readResolve() throws ObjectStreamException {
      return samples;
    }
  }

  /** True when row {@code n} has a label (not flagged in {@link #unlabeled()}). */
  public boolean hasLabel(int n) {
    return unlabeled == null || !unlabeled[n];
  }

  /** True when the inputs are held as sparse rows ({@link #sparse()}). */
  public boolean isSparse() {
    return sparse != null;
  }

  /** The class of row n, the argmax of its target row (classification only). */
  public int label(int n) {
    int best = 0;
    for (int c = 1; c < outputs; c++) {
      if (t[n * outputs + c] > t[n * outputs + best]) {
        best = c;
      }
    }
    return best;
  }
}
