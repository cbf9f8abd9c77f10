package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.Synthetic;
import org.sparkprop.data.Targets;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.settings.SettingException;
import org.sparkprop.tensor.RowMajor;

/** Quantization-aware training: the straight-through gradient, and that it trains. */
class FakeQuantizedSourceTest {

  private static Settings settings(String... pairs) {
    Settings s = Settings.defaults();
    for (int i = 0; i < pairs.length; i += 2) {
      s = s.with(pairs[i], pairs[i + 1], "test");
    }
    return s;
  }

  @Test
  void theGradientIsTheFloatGradientAtTheFakeQuantizedWeights() {
    JobConfig job = JobConfig.from(settings("layers", "2,12,8,2", "quantize.aware", "true"));
    assertEquals(QuantizedType.INT8, job.quantizeAware());
    Network net = new Network(job.network());
    Samples samples = Targets.oneHot(Synthetic.spirals(64, 0.1, 3), 2);
    BatchPlan plan = new BatchPlan(1, 16, 5);
    float[] theta = Initializer.initialTheta(net, 9);
    for (QuantizedType type : QuantizedType.values()) {
      GradientSource plain = new InMemoryGradientSource(net, samples, plan);
      GradientSource ste = FakeQuantizedSource.wrap(net,
          new InMemoryGradientSource(net, samples, plan), type);
      float[] tilde = QuantizedTheta.of(net.layout(), theta, type).dequantize();
      assertFalse(Arrays.equals(theta, tilde), "quantization changes Θ");
      for (int it = 0; it < 3; it++) {
        GradientSum got = ste.gradient(theta, 0, it);
        GradientSum atTilde = plain.gradient(tilde, 0, it);
        GradientSum atTheta = plain.gradient(theta, 0, it);
        assertArrayEquals(atTilde.gradient(), got.gradient(), type + " batch " + it);
        assertEquals(atTilde.loss(), got.loss(), 0.0);
        assertFalse(Arrays.equals(atTheta.gradient(), got.gradient()),
            "the float gradient at Θ itself differs");
      }
      assertEquals(plain.evaluate(tilde).loss(), ste.evaluate(theta).loss(), 0.0);
    }
    GradientSource plain = new InMemoryGradientSource(net, samples, plan);
    assertSame(plain, FakeQuantizedSource.wrap(net, plain, null), "off: the source itself");
  }

  @Test
  void itTrainsAModelWhoseInt8FormClassifies() {
    JobConfig job = JobConfig.from(settings("layers", "2,32,32,2", "quantize.aware", "true",
        "optimizer", "adam", "stepSize", "0.01", "epochs", "60", "batchSize", "32",
        "seed", "3"));
    assertFalse(job.barrier(), "fake quantization happens on the driver: step updates");
    Network net = new Network(job.network());
    Samples samples = Targets.oneHot(Synthetic.xor(400, 0.05, 1), 2);
    TrainingResult result = job.train(net, new InMemoryGradientSource(net, samples,
        new BatchPlan(1, 32, 3)), null, TrainingListener.NONE);
    List<EpochStats> history = result.history();
    double first = history.get(0).loss();
    double last = history.get(history.size() - 1).loss();
    assertTrue(last < 0.5 * first, "training loss " + first + " → " + last);
    QuantizedTheta q = QuantizedTheta.of(net.layout(), result.theta(), QuantizedType.INT8);
    float[] s = new QuantizedForward(net, q).forward(samples.x(), 0, samples.rows(),
        net.newWorkspace(samples.rows()));
    int correct = 0;
    for (int n = 0; n < samples.rows(); n++) {
      correct += RowMajor.argmax(s, 2 * n, 2) == RowMajor.argmax(samples.t(), 2 * n, 2) ? 1 : 0;
    }
    assertTrue(correct >= 0.9 * samples.rows(), "int8 accuracy " + correct + " of 400");
    assertNotNull(result.theta());
  }

  @Test
  void localSgdIsRefused() {
    SettingException e = org.junit.jupiter.api.Assertions.assertThrows(SettingException.class,
        () -> JobConfig.from(settings("quantize.aware", "true", "sync", "local:4")));
    assertTrue(e.getMessage().contains("quantize.aware=true"), e.getMessage());
  }
}
