package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.sparkprop.cli.ModelFile;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.optim.Momentum;
import org.sparkprop.tensor.RowMajor;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.FakeQuantizedSource;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;

/**
 * Quantization-aware fine-tuning of a saved Fashion-MNIST model, in memory on one thread:
 * EPOCHS epochs of momentum SGD (ρ = STEP, ν = 0.9, batches of 128) from the model's Θ, once
 * with the weights fake-quantized to TYPE ({@link FakeQuantizedSource}) and once in float32 as
 * the control, then the test accuracy of each as float32 and quantized to TYPE:
 * <pre>
 *   scripts/bench --main QuantizationAwareFineTune MODEL [EPOCHS] [STEP] [TYPE]
 * </pre>
 */
public final class QuantizationAwareFineTune {

  private QuantizationAwareFineTune() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    float step = args.length > 2 ? Float.parseFloat(args[2]) : 0.001f;
    QuantizedType type = QuantizedType.parse(args.length > 3 ? args[3] : "int8", "TYPE");
    Path root = Path.of(System.getProperty("bench.root", "."));
    FashionData data = FashionData.load(root.resolve("data/fashion-mnist"));
    ModelFile.Loaded loaded = ModelFile.read(modelDir);
    Network net = loaded.network();
    float[] theta = loaded.theta();
    System.out.printf(Locale.ROOT, "model %s (%s): %d epochs of momentum, step %s, %s%n",
        modelDir, net.spec(), epochs, step, type.label());
    report("trained", net, theta, data, type, 0);
    for (boolean aware : new boolean[] {true, false}) {
      GradientSource source = new InMemoryGradientSource(net, data.train(),
          new BatchPlan(1, 128, 11));
      source = FakeQuantizedSource.wrap(net, source, aware ? type : null);
      long start = System.nanoTime();
      float[] tuned = new Trainer(new Momentum(step, 0.9f), new TrainingConfig(epochs, 0),
          TrainingListener.NONE).train(source, theta.clone(), null).theta();
      report(aware ? "+ quantization-aware" : "+ float32 (control)", net, tuned, data, type,
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static void report(String what, Network net, float[] theta, FashionData data,
      QuantizedType type, double seconds) {
    Samples test = data.test();
    float[] exact = net.forward(theta, test.x(), 0, test.rows(), net.newWorkspace(512));
    double floatAccuracy = accuracy(exact, data);
    float[] quantized = new QuantizedForward(net, QuantizedTheta.of(net.layout(), theta, type))
        .forward(test.x(), 0, test.rows(), net.newWorkspace(512));
    System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.1f s |%n", what, floatAccuracy,
        accuracy(quantized, data), seconds);
  }

  private static double accuracy(float[] s, FashionData data) {
    int c = FashionData.CLASSES;
    int rows = data.test().rows();
    int correct = 0;
    for (int n = 0; n < rows; n++) {
      correct += RowMajor.argmax(s, n * c, c) == data.testRaw().label(n) ? 1 : 0;
    }
    return (double) correct / rows;
  }
}
