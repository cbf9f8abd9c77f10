package org.sparkprop.nn;

import java.io.Serializable;
import java.util.UUID;
import org.sparkprop.tensor.Csr;
import org.sparkprop.tensor.RowMajor;
import org.sparkprop.tensor.SparseProducts;

/**
 * A feed-forward network: forward values and backpropagated errors over a whole mini-batch at
 * once, as backpropagation for N samples (docs/equations.md), one gemm per connection and pass.
 *
 * <p>For a batch of n rows (X is n × M_0, row-major), layer k reads the layers k' ∈ inputs(k)
 * (k − 1 alone in a perceptron; see {@link Topology}) through weight blocks W^{k',k} and biases b^k:
 * <pre>
 *   S^0 = X, or X̂ = (X − μ)/√(σ² + ε) with standardized inputs            ({@link Standardization})
 *   φ^k = Σ_{k'} S^{k'}·W^{k',k}ᵀ + b^k                                     (one gemm per k')
 *   A^k = g(φ^k)                          (maxout: max over pieces; PReLU: α_i from Θ)
 *   S^k = drop(norm(A^k)) + Σ_{a ∈ residual(k)} S^a     (layer/batch norm, drop-out in training)
 * </pre>
 * and backward, with E^k = −∂q/∂S^k summed over every consumer of layer k:
 * <pre>
 *   δ^L = (T − S^L) ⊙ g'(φ^L)          (t − s for softmax + cross-entropy)
 *   E^a += E^k for a ∈ residual(k);   E^k ← norm'(drop'(E^k));   δ^k = E^k ⊙ g'(φ^k)
 *   E^{k'} += δ^k·W^{k',k}              ∂q/∂W^{k',k} = −δ^kᵀ·S^{k'}         ∂q/∂b^k = −Σ_n δ^k_n
 * </pre>
 * Layers are visited from L down to 1; since every consumer of layer k comes after it, E^k is
 * complete when layer k is reached. For the perceptron this is exactly δ^{k−1} = (δ^k W^k) ⊙ g'.
 * Gradients are of the summed loss Σ_n q_n; dividing by N is the trainer's business, so that
 * shards can simply add their sums.
 *
 * <p>{@link #forward} and {@link #loss} compute the model's function (inference: no drop-out,
 * batch norm with the running statistics of {@link #state()}); {@link #gradient} differentiates
 * the training function (drop-out masks drawn from the given seed, batch norm with the batch's own
 * statistics), whose value {@link #trainingLoss} returns.
 */
public final class Network implements Serializable {

  private final NetworkSpec spec;
  private final ThetaLayout layout;
  private final NetworkState state;

  public Network(NetworkSpec spec) {
    this.spec = spec;
    this.layout = new ThetaLayout(spec);
    this.state = new NetworkState(spec);
  }

  public NetworkSpec spec() {
    return spec;
  }

  public ThetaLayout layout() {
    return layout;
  }

  /** The non-trainable state: standardization and batch-norm running statistics. */
  public NetworkState state() {
    return state;
  }

  /**
   * This network's identity, kept by its serialized copies and shared with no other network
   * (equal specs included): what executor-side caches are keyed by ({@link NetworkState}).
   */
  public UUID identity() {
    return state.identity();
  }

  /** D, the length of Θ. */
  public int parameterCount() {
    return layout.size();
  }

  /** A workspace for batches of up to {@code rows} rows. */
  public Workspace newWorkspace(int rows) {
    return new Workspace(spec, rows);
  }

  /**
   * Sets the input standardization from the training inputs (rows × M_0 from xOff), one pass;
   * does nothing for a network that does not standardize its inputs.
   */
  public void fitStandardization(float[] x, int xOff, int rows) {
    if (spec.standardize()) {
      state.fitStandardization(x, xOff, rows);
    }
  }

  /**
   * Sets the input standardization from the training inputs' moments (computed where the rows
   * are, {@link InputMoments#merge merged}); does nothing for a network that does not
   * standardize its inputs.
   */
  public void setStandardization(InputMoments moments) {
    if (spec.standardize()) {
      state.setStandardization(moments);
    }
  }

  /** The layers, their inputs and parameter counts, one line each, and the total. */
  public String summary() {
    return ModelSummary.of(this);
  }

  /**
   * Forward pass of {@code rows} inputs (row-major at x[xOff], M_0 columns) as the model predicts
   * (no drop-out; batch norm with running statistics): leaves every s^k in the workspace and
   * returns the output array s^L (rows × M_L from offset 0).
   */
  public float[] forward(float[] theta, float[] x, int xOff, int rows, Workspace ws) {
    return forward(theta, x, xOff, null, rows, ws, false, 0L);
  }

  /**
   * As {@link #forward(float[], float[], int, int, Workspace)} for the sparse inputs of rows
   * [first, first + rows) of {@code x}: every layer reading the inputs does so by a sparse
   * product, Φ += X·Wᵀ over the stored entries only; the other layers are unchanged.
   *
   * @throws SparseInputException if this network needs its inputs dense
   */
  public float[] forward(float[] theta, Csr x, int first, int rows, Workspace ws) {
    requireSparseInput(x);
    return forward(theta, null, first, x, rows, ws, false, 0L);
  }

  /**
   * Checks that this network can read sparse inputs of M_0 columns: no standardization (its mean
   * subtraction makes every input non-zero) and no residual sum of the inputs.
   *
   * @throws SparseInputException naming the setting that needs dense inputs
   */
  public void requireSparseInput(Csr x) {
    if (x.columns() != spec.size(0)) {
      throw new IllegalArgumentException("sparse inputs have " + x.columns()
          + " columns but layers[0] is " + spec.size(0));
    }
    requireSparseInput();
  }

  /**
   * Checks that this network can read sparse inputs: no standardization and no residual sum of
   * the inputs.
   *
   * @throws SparseInputException naming the setting that needs dense inputs
   */
  public void requireSparseInput() {
    if (spec.standardize()) {
      throw new SparseInputException("standardize", "true",
          "standardizing subtracts the mean from every input, which makes every input non-zero;"
              + " set standardize=false");
    }
    Topology topology = spec.architecture().topology();
    for (int k = 1; k <= spec.depth(); k++) {
      for (int r = 0; r < topology.residualCount(k); r++) {
        if (topology.residualSource(k, r) == 0) {
          throw new SparseInputException("residual", "0-" + k,
              "a residual block from layer 0 adds the dense inputs to layer " + k
                  + "; start residual blocks at a hidden layer");
        }
      }
    }
  }

  /**
   * The forward pass of dense inputs (x from xOff, sparse null) or of the sparse rows
   * [xOff, xOff + rows) of {@code sparse}.
   */
  private float[] forward(float[] theta, float[] x, int xOff, Csr sparse, int rows, Workspace ws,
      boolean training, long seed) {
    ws.ensure(rows);
    int depth = spec.depth();
    float[] in0 = x;
    int in0Off = xOff;
    float[] st = state.raw();
    if (spec.standardize() && sparse == null) {
      Standardization.scales(st, state.inputVarianceOffset(), spec.size(0),
          spec.architecture().epsilon(), ws.inputScale);
      Standardization.apply(x, xOff, rows, spec.size(0), st, state.inputMeanOffset(),
          ws.inputScale, ws.input);
      in0 = ws.input;
      in0Off = 0;
    }
    float epsilon = spec.architecture().epsilon();
    Topology topology = spec.architecture().topology();
    for (int k = 1; k <= depth; k++) {
      int m = spec.size(k);
      int units = layout.rows(k);
      int off = layout.offset(k);
      int ld = layout.rowLength(k);
      float[] phi = ws.phi[k];
      // φ starts as the biases θ^k_i0, then one gemm per layer read adds S^{k'}·W^{k',k}ᵀ.
      RowMajor.broadcastRows(theta, off, ld, rows, units, phi, 0, units);
      for (int n = 0; n < topology.inputCount(k); n++) {
        int from = topology.input(k, n);
        int width = spec.size(from);
        if (from == 0 && sparse != null) {
          SparseProducts.timesTransposed(1f, sparse, xOff, rows, theta,
              off + layout.columnOfInput(k, n), ld, units, phi, 0, units);
          continue;
        }
        float[] input = from == 0 ? in0 : ws.s[from];
        int inputOff = from == 0 ? in0Off : 0;
        RowMajor.gemm(false, true, rows, units, width, 1f, input, inputOff, width, theta,
            off + layout.columnOfInput(k, n), ld, 1f, phi, 0, units);
      }
      Activation g = spec.activation(k);
      float[] a = ws.act[k];
      if (g instanceof Maxout maxout) {
        maxout.forward(phi, a, rows, m);
      } else if (g instanceof PRelu prelu) {
        prelu.forward(phi, a, rows, m, theta, layout.alphaOffset(k));
      } else {
        g.forward(phi, 0, rows, units);
      }
      float[] s = ws.s[k];
      switch (spec.normalization(k)) {
        case LAYER -> LayerNorm.forward(a, rows, m, ws.xhat[k], ws.stat[k], s, theta,
            layout.gammaOffset(k), layout.betaOffset(k), epsilon);
        case BATCH -> {
          if (training) {
            BatchNorm.forwardTraining(a, rows, m, ws.xhat[k], ws.stat[k], ws.acc[k], s, theta,
                layout.gammaOffset(k), layout.betaOffset(k), epsilon);
          } else {
            BatchNorm.forwardInference(a, rows, m, st, state.meanOffset(k),
                state.varianceOffset(k), ws.acc[k], s, theta, layout.gammaOffset(k),
                layout.betaOffset(k), epsilon);
          }
        }
        case NONE -> {
          if (s != a) {
            System.arraycopy(a, 0, s, 0, rows * m);
          }
        }
      }
      if (training && spec.dropout(k) > 0f) {
        Dropout.apply(s, ws.mask[k], rows, m, spec.dropout(k), seed, k);
      }
      for (int r = 0; r < topology.residualCount(k); r++) {
        int from = topology.residualSource(k, r);
        float[] add = from == 0 ? in0 : ws.s[from];
        int addOff = from == 0 ? in0Off : 0;
        int count = rows * m;
        for (int p = 0; p < count; p++) {
          s[p] += add[addOff + p];
        }
      }
    }
    if (training) {
      ws.trainedRows = rows;
    }
    return ws.s[depth];
  }

  /**
   * Forward and backward pass over a batch in training mode with drop-out seed 0: adds
   * ∂(Σ_n q_n)/∂Θ into {@code grad} (aligned with Θ) and returns Σ_n q_n. The outputs stay in the
   * workspace for accuracy counting.
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, float[] grad) {
    return gradient(theta, x, xOff, t, tOff, rows, ws, grad, 0L);
  }

  /**
   * As {@link #gradient(float[], float[], int, float[], int, int, Workspace, float[])}, drawing
   * the drop-out masks from {@code seed} (the same seed gives the same masks).
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, float[] grad, long seed) {
    return gradient(theta, x, xOff, t, tOff, null, 0, rows, ws, grad, seed);
  }

  /**
   * As {@link #gradient(float[], float[], int, float[], int, int, Workspace, float[], long)} for
   * weighted samples: with {@code w} not null the objective is Σ_n w_n q_n, so row n of δ^L is
   * scaled by w_n (backpropagation is linear in δ^L) and the returned loss is the weighted sum.
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed) {
    return gradient(theta, x, xOff, null, t, tOff, w, wOff, rows, ws, grad, seed, null, 0,
        null, 0, null);
  }

  /**
   * As {@link #gradient(float[], float[], int, float[], int, float[], int, int, Workspace,
   * float[], long)}, with the loss of {@link Distillation} when {@code distill} is not null: the
   * rows of {@code p} (from {@code pOff}, rows × M_L) are the teacher's soft targets beside the
   * hard targets t.
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed, float[] p, int pOff,
      Distillation distill) {
    return gradient(theta, x, xOff, null, t, tOff, w, wOff, rows, ws, grad, seed, p, pOff,
        null, 0, distill);
  }

  /**
   * As {@link #gradient(float[], float[], int, float[], int, float[], int, int, Workspace,
   * float[], long, float[], int, Distillation)}; row n has no label when
   * {@code unlabeled[uOff + n]} is set (none when {@code unlabeled} is null), and learns from the
   * soft targets only.
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed, float[] p, int pOff,
      boolean[] unlabeled, int uOff, Distillation distill) {
    return gradient(theta, x, xOff, null, t, tOff, w, wOff, rows, ws, grad, seed, p, pOff,
        unlabeled, uOff, distill);
  }

  /**
   * As {@link #gradient(float[], float[], int, float[], int, float[], int, int, Workspace,
   * float[], long)} for the sparse inputs of rows [first, first + rows) of {@code x}: the weights
   * from the inputs receive −Δᵀ·X in the columns the rows store (no other), and no error is
   * propagated to the inputs.
   *
   * @throws SparseInputException if this network needs its inputs dense
   */
  public double gradient(float[] theta, Csr x, int first, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed) {
    return gradient(theta, x, first, t, tOff, w, wOff, rows, ws, grad, seed, null, 0, null);
  }

  /**
   * As {@link #gradient(float[], Csr, int, float[], int, float[], int, int, Workspace, float[],
   * long)}, with the loss of {@link Distillation} when {@code distill} is not null.
   *
   * @throws SparseInputException if this network needs its inputs dense
   */
  public double gradient(float[] theta, Csr x, int first, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed, float[] p, int pOff,
      Distillation distill) {
    return gradient(theta, x, first, t, tOff, w, wOff, rows, ws, grad, seed, p, pOff, null, 0,
        distill);
  }

  /**
   * As {@link #gradient(float[], Csr, int, float[], int, float[], int, int, Workspace, float[],
   * long, float[], int, Distillation)}; row n has no label when {@code unlabeled[uOff + n]} is
   * set (none when {@code unlabeled} is null).
   *
   * @throws SparseInputException if this network needs its inputs dense
   */
  public double gradient(float[] theta, Csr x, int first, float[] t, int tOff, float[] w,
      int wOff, int rows, Workspace ws, float[] grad, long seed, float[] p, int pOff,
      boolean[] unlabeled, int uOff, Distillation distill) {
    requireSparseInput(x);
    return gradient(theta, null, first, x, t, tOff, w, wOff, rows, ws, grad, seed, p, pOff,
        unlabeled, uOff, distill);
  }

  private double gradient(float[] theta, float[] x, int xOff, Csr sparse, float[] t, int tOff,
      float[] w, int wOff, int rows, Workspace ws, float[] grad, long seed, float[] p, int pOff,
      boolean[] unlabeled, int uOff, Distillation distill) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, sparse, rows, ws, true, seed);
    int depth = spec.depth();
    int outputs_ = spec.size(depth);
    if (distill == null) {
      spec.loss().outputDelta(spec.output(), outputs, t, tOff, ws.delta[depth], rows, outputs_);
    } else {
      distill.outputDelta(outputs, t, tOff, p, pOff, unlabeled, uOff, ws.delta[depth], rows,
          outputs_, ws.classScratch());
    }
    double loss;
    if (w == null) {
      loss = distill == null ? spec.loss().value(outputs, t, tOff, rows, outputs_)
          : distill.value(outputs, 0, t, tOff, p, pOff, unlabeled, uOff, rows, outputs_,
              ws.classScratch());
    } else {
      loss = 0;
      float[] delta = ws.delta[depth];
      for (int n = 0; n < rows; n++) {
        float wn = w[wOff + n];
        int at = n * outputs_;
        loss += wn * (distill == null
            ? spec.loss().value(outputs, at, t, tOff + at, 1, outputs_)
            : distill.value(outputs, at, t, tOff + at, p, pOff + at, unlabeled, uOff + n, 1,
                outputs_, ws.classScratch()));
        for (int i = n * outputs_; i < (n + 1) * outputs_; i++) {
          delta[i] *= wn;
        }
      }
    }
    java.util.Arrays.fill(ws.written, false);
    Topology topology = spec.architecture().topology();
    boolean standardized = spec.standardize() && sparse == null;
    float[] in0 = standardized ? ws.input : x;
    int in0Off = standardized ? 0 : xOff;
    for (int k = depth; k >= 1; k--) {
      int m = spec.size(k);
      int units = layout.rows(k);
      int off = layout.offset(k);
      int ld = layout.rowLength(k);
      float[] delta = ws.delta[k];
      if (k == depth) {
        // s^L = g(φ^L) + Σ s^a with a linear output (enforced by NetworkSpec): E^a += δ^L.
        for (int r = 0; r < topology.residualCount(k); r++) {
          accumulate(ws, topology.residualSource(k, r), delta, rows * m);
        }
      } else {
        layerBackward(k, theta, ws, rows, grad);
      }
      // ∂q/∂θ^{k',k}_ij = −Σ_n δ^k_ni s^{k'}_nj: Δθ = ρ·δ·s with the sign of a gradient.
      for (int n = 0; n < topology.inputCount(k); n++) {
        int from = topology.input(k, n);
        int width = spec.size(from);
        int column = off + layout.columnOfInput(k, n);
        if (from == 0 && sparse != null) {
          SparseProducts.addTransposedTimes(-1f, delta, 0, units, units, sparse, xOff, rows, grad,
              column, ld);
          continue;
        }
        float[] input = from == 0 ? in0 : ws.s[from];
        int inputOff = from == 0 ? in0Off : 0;
        RowMajor.gemm(true, false, units, width, rows, -1f, delta, 0, units, input, inputOff,
            width, 1f, grad, column, ld);
        if (from > 0) {
          // E^{k'}_j += Σ_r δ^k_r θ^{k',k}_rj
          RowMajor.gemm(false, false, rows, width, units, 1f, delta, 0, units, theta, column, ld,
              ws.written[from] ? 1f : 0f, ws.ds[from], 0, width);
          ws.written[from] = true;
        }
      }
      RowMajor.addColumnSums(-1f, delta, 0, units, rows, units, grad, off, ld, ws.ones);
    }
    return loss;
  }

  /**
   * Hidden layer k, in place on E^k = ws.ds[k]: passes E^k on to residual sources, undoes
   * drop-out and normalization (adding ∂q/∂γ, ∂q/∂β), and applies g' to leave δ^k in ws.delta[k].
   */
  private void layerBackward(int k, float[] theta, Workspace ws, int rows, float[] grad) {
    int m = spec.size(k);
    float[] e = ws.ds[k];
    if (!ws.written[k]) {
      throw new IllegalStateException("layer " + k + " received no error: its output is unused");
    }
    Topology topology = spec.architecture().topology();
    for (int r = 0; r < topology.residualCount(k); r++) {
      accumulate(ws, topology.residualSource(k, r), e, rows * m);
    }
    if (spec.dropout(k) > 0f) {
      Dropout.backward(e, ws.mask[k], rows, m);
    }
    switch (spec.normalization(k)) {
      case LAYER -> LayerNorm.backward(e, ws.xhat[k], ws.stat[k], rows, m, theta,
          layout.gammaOffset(k), layout.betaOffset(k), grad, ws.acc[k]);
      case BATCH -> BatchNorm.backward(e, ws.xhat[k], ws.stat[k], rows, m, theta,
          layout.gammaOffset(k), layout.betaOffset(k), grad, ws.acc[k]);
      case NONE -> {
        // nothing to undo
      }
    }
    Activation g = spec.activation(k);
    if (g instanceof Maxout maxout) {
      maxout.backward(ws.phi[k], e, ws.delta[k], rows, m);
    } else if (g instanceof PRelu prelu) {
      prelu.backward(ws.phi[k], e, rows, m, theta, layout.alphaOffset(k), grad);
    } else {
      g.backward(ws.act[k], e, 0, rows, m);
    }
  }

  /** E^a += e (rows·M_a values), or E^a = e for its first contribution; nothing for a = 0. */
  private static void accumulate(Workspace ws, int a, float[] e, int count) {
    if (a == 0) {
      return;
    }
    float[] target = ws.ds[a];
    if (ws.written[a]) {
      for (int p = 0; p < count; p++) {
        target[p] += e[p];
      }
    } else {
      System.arraycopy(e, 0, target, 0, count);
      ws.written[a] = true;
    }
  }

  /** Σ_n q_n of a batch as the model predicts (forward only, inference mode). */
  public double loss(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, rows, ws);
    return spec.loss().value(outputs, t, tOff, rows, spec.size(spec.depth()));
  }

  /** As {@link #loss(float[], float[], int, float[], int, int, Workspace)} for sparse inputs. */
  public double loss(float[] theta, Csr x, int first, float[] t, int tOff, int rows,
      Workspace ws) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, first, rows, ws);
    return spec.loss().value(outputs, t, tOff, rows, spec.size(spec.depth()));
  }

  /**
   * Σ_n q_n of a batch in training mode (drop-out masks from {@code seed}, batch norm with the
   * batch's statistics): the function whose gradient {@link #gradient} computes.
   */
  public double trainingLoss(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, long seed) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, null, rows, ws, true, seed);
    return spec.loss().value(outputs, t, tOff, rows, spec.size(spec.depth()));
  }

  /**
   * As {@link #trainingLoss(float[], float[], int, float[], int, int, Workspace, long)} under the
   * loss of {@code distill}, with soft targets p from {@code pOff}.
   */
  public double trainingLoss(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, long seed, float[] p, int pOff, Distillation distill) {
    return trainingLoss(theta, x, xOff, t, tOff, rows, ws, seed, p, pOff, null, 0, distill);
  }

  /**
   * As {@link #trainingLoss(float[], float[], int, float[], int, int, Workspace, long, float[],
   * int, Distillation)}; row n has no label when {@code unlabeled[uOff + n]} is set (none when
   * {@code unlabeled} is null).
   */
  public double trainingLoss(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, long seed, float[] p, int pOff, boolean[] unlabeled, int uOff,
      Distillation distill) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, null, rows, ws, true, seed);
    return distill.value(outputs, 0, t, tOff, p, pOff, unlabeled, uOff, rows,
        spec.size(spec.depth()), ws.classScratch());
  }

  /**
   * Length of the batch statistics that {@link #addBatchStatistics} reports after a training pass
   * (0 for a network without batch normalization).
   */
  public int batchStatisticsLength() {
    return state.statisticsLength();
  }

  /**
   * Adds the batch-norm statistics of the last training pass in {@code ws} into
   * into[off … off + {@link #batchStatisticsLength()}), additive across blocks and shards
   * (see {@link BatchNorm}); does nothing without batch normalization.
   */
  public void addBatchStatistics(Workspace ws, float[] into, int off) {
    for (int k = 1; k <= spec.depth(); k++) {
      if (spec.normalization(k) == Normalization.BATCH) {
        BatchNorm.addStatistics(ws.stat[k], ws.trainedRows, spec.size(k), into,
            off + state.statisticsOffset(k));
      }
    }
  }

  /**
   * How many of the last forward pass's rows are classified right: argmax_c s^L_c equals the
   * argmax of the target row (f(x) = argmax_c s_c(x)).
   */
  public int countCorrect(Workspace ws, float[] t, int tOff, int rows) {
    int c = spec.size(spec.depth());
    float[] s = ws.outputs();
    int correct = 0;
    for (int n = 0; n < rows; n++) {
      if (c == 1) {
        // One sigmoid output: class 1 when s ≥ ½.
        if ((s[n] >= 0.5f) == (t[tOff + n] >= 0.5f)) {
          correct++;
        }
      } else if (RowMajor.argmax(s, n * c, c) == RowMajor.argmax(t, tOff + n * c, c)) {
        correct++;
      }
    }
    return correct;
  }
}
