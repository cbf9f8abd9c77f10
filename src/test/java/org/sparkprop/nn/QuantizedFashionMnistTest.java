package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.IdxReader;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Targets;
import org.sparkprop.optim.Adam;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;

/**
 * A Fashion-MNIST classifier (784-128-10, 3 epochs of Adam on the first 12 000 training images)
 * quantized after training, scored on the 10 000 test images by {@link QuantizedForward}
 * against the float32 model. Skipped when data/fashion-mnist is missing
 * ({@code scripts/get-data fashion-mnist}).
 */
class QuantizedFashionMnistTest {

  static final Path DATA = Path.of("data", "fashion-mnist");
  static final int TRAIN_ROWS = 12_000;
  static final int CLASSES = 10;

  @Test
  void quantizedModelsClassifyTheTestSetAsTheFloatModel() throws Exception {
    Path trainImages = DATA.resolve("train-images-idx3-ubyte.gz");
    Path testImages = DATA.resolve("t10k-images-idx3-ubyte.gz");
    Assumptions.assumeTrue(Files.exists(trainImages) && Files.exists(testImages),
        "Fashion-MNIST is not in " + DATA.toAbsolutePath()
            + "; run scripts/get-data fashion-mnist");
    Samples all = Targets.oneHot(
        IdxReader.read(trainImages, IdxReader.labelsFor(trainImages), true), CLASSES);
    RawData testRaw = IdxReader.read(testImages, IdxReader.labelsFor(testImages), true);
    Samples test = Targets.oneHot(testRaw, CLASSES);
    int inputs = all.inputs();
    Samples train = new Samples(Arrays.copyOf(all.x(), TRAIN_ROWS * inputs),
        Arrays.copyOf(all.t(), TRAIN_ROWS * CLASSES), TRAIN_ROWS, inputs, CLASSES);
    Network net = new Network(new NetworkSpec(new int[] {inputs, 128, CLASSES},
        Activations.parse("relu"), new Softmax(), new CrossEntropy()));
    Trainer trainer = new Trainer(new Adam(), new TrainingConfig(3, 0), TrainingListener.NONE);
    float[] theta = trainer.train(new InMemoryGradientSource(net, train,
        new BatchPlan(1, 64, 17)), Initializer.initialTheta(net, 17)).theta();

    int rows = test.rows();
    float[] exact = net.forward(theta, test.x(), 0, rows, net.newWorkspace(rows)).clone();
    int correct = 0;
    for (int n = 0; n < rows; n++) {
      correct += argmax(exact, n) == testRaw.label(n) ? 1 : 0;
    }
    double accuracy = (double) correct / rows;
    assertTrue(accuracy > 0.8, "float32 test accuracy " + accuracy);
    for (QuantizedType type : QuantizedType.values()) {
      QuantizedTheta q = QuantizedTheta.of(net.layout(), theta, type);
      float[] s = new QuantizedForward(net, q).forward(test.x(), 0, rows, net.newWorkspace(512));
      int same = 0;
      int right = 0;
      double worst = 0;
      for (int n = 0; n < rows; n++) {
        int c = argmax(s, n);
        same += c == argmax(exact, n) ? 1 : 0;
        right += c == testRaw.label(n) ? 1 : 0;
        for (int j = 0; j < CLASSES; j++) {
          worst = Math.max(worst, Math.abs(s[n * CLASSES + j] - exact[n * CLASSES + j]));
        }
      }
      double quantizedAccuracy = (double) right / rows;
      System.out.printf(Locale.ROOT, "quantized fashion-mnist %s: test accuracy %.4f against"
          + " %.4f, same class on %d of %d rows, largest probability difference %.2e%n",
          type.label(), quantizedAccuracy, accuracy, same, rows, worst);
      double minSame = type == QuantizedType.INT8 ? 0.99 : 0.999;
      assertTrue(same >= minSame * rows, type + ": same class on " + same + " of " + rows);
      assertTrue(Math.abs(quantizedAccuracy - accuracy) <= 0.005,
          type + ": accuracy " + quantizedAccuracy + " against " + accuracy);
    }
  }

  private static int argmax(float[] s, int n) {
    return org.sparkprop.tensor.RowMajor.argmax(s, n * CLASSES, CLASSES);
  }
}
