package org.sparkprop.train;

import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;

/**
 * Quantization-aware training: wraps a gradient source so that every batch's forward and
 * backward passes see the connection weights fake-quantized, Θ̃ = dequantize(quantize(Θ))
 * ({@link QuantizedTheta}: int8 with per-row scales, or float16; biases, PReLU's α, γ and β
 * unchanged), while the optimizer keeps updating the float32 Θ. The gradient is the
 * straight-through estimator: quantization's derivative (0 almost everywhere) is taken as 1, so
 * ∂q/∂Θ ≈ ∂q/∂Θ̃ evaluated at Θ̃, which is exactly the float gradient at the fake-quantized
 * weights. Θ then drifts to where its quantized form fits the data; the trained model is
 * quantized afterwards ({@code sparkprop quantize}, {@code model.quantize}). The training loss
 * and the full-set evaluation are those of Θ̃ as well.
 */
public final class FakeQuantizedSource implements GradientSource {

  private final Network network;
  private final GradientSource source;
  private final QuantizedType type;

  private FakeQuantizedSource(Network network, GradientSource source, QuantizedType type) {
    this.network = network;
    this.source = source;
    this.type = type;
  }

  /** {@code source} itself for {@code type} null (no quantization-aware training). */
  public static GradientSource wrap(Network network, GradientSource source, QuantizedType type) {
    return type == null ? source : new FakeQuantizedSource(network, source, type);
  }

  /** Θ̃: Θ with its connection weights quantized to {@code type} and dequantized. */
  public static float[] fakeQuantized(Network network, float[] theta, QuantizedType type) {
    return QuantizedTheta.of(network.layout(), theta, type).dequantize();
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    return source.gradient(fakeQuantized(network, theta, type), epoch, iteration);
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    return source.evaluate(fakeQuantized(network, theta, type));
  }

  @Override
  public void easyFirst(float[] theta) {
    source.easyFirst(theta == null ? null : fakeQuantized(network, theta, type));
  }

  @Override
  public int rows() {
    return source.rows();
  }

  @Override
  public BatchPlan plan() {
    return source.plan();
  }

  @Override
  public boolean classifies() {
    return source.classifies();
  }

  @Override
  public float[] networkState() {
    return source.networkState();
  }

  @Override
  public void restoreNetworkState(float[] values) {
    source.restoreNetworkState(values);
  }

  @Override
  public void close() {
    source.close();
  }
}
