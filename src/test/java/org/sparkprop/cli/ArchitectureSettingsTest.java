package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Maxout;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * The architecture settings ({@code connections}, {@code residual}, {@code dropout},
 * {@code layerNorm}, {@code batchNorm}, {@code batchNormMomentum}, {@code normEpsilon},
 * {@code standardize}, parametric activations) type into the network spec, bad values are errors
 * naming the setting, models with state round-trip through {@link ModelFile}, and a job trains one
 * end to end on Spark.
 */
class ArchitectureSettingsTest {

  private static JobConfig job(String... overrides) {
    Settings s = Settings.defaults();
    for (String o : overrides) {
      s = s.withOverride(o, "test");
    }
    return JobConfig.from(s);
  }

  @Test
  void settingsBuildTheArchitecture() {
    NetworkSpec spec = job("layers=4,8,8,6,3", "activation=maxout:3",
        "connections=3<-0,2", "residual=1-2", "dropout=0.1,0.2,0.3", "layerNorm=1",
        "batchNorm=2,3", "batchNormMomentum=0.05", "normEpsilon=1e-3", "standardize=true")
        .network();
    assertEquals(new Maxout(3), spec.hidden());
    assertArrayEquals(new int[] {0, 2}, spec.inputs(3));
    assertArrayEquals(new int[] {1}, spec.residual(2));
    assertEquals(0.2f, spec.dropout(2));
    assertEquals(Normalization.LAYER, spec.normalization(1));
    assertEquals(Normalization.BATCH, spec.normalization(3));
    assertEquals(0.05f, spec.architecture().momentum());
    assertEquals(1e-3f, spec.architecture().epsilon());
    assertTrue(spec.standardize());
    assertTrue(job("standardize=false").network().isPlain());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "connections=2<-3|layer 2 cannot read layer 3",
      "connections=2<-2|would make a cycle",
      "connections=2<-0|the output of layer 1 is read by no later layer",
      "connections=2-0|setting connections: connections entry '2-0' must look like 2<-0,1",
      "layers=2,32,16,2;residual=1-2|layer 1 has 32 units but layer 2 has 16",
      "residual=2-1|setting residual: residual entry '2-1'",
      "layers=2,32,32,32;residual=1-3|only makes sense with output=linear",
      "dropout=1|setting dropout: dropout is '1': rate 1.0 is outside [0, 1)",
      "dropout=0.1,0.2|one per hidden layer (3 values)",
      "layerNorm=4|setting layerNorm: layerNorm is '4': layer 4 is not a hidden layer",
      "batchNorm=maybe|setting batchNorm: batchNorm is 'maybe'",
      "layerNorm=true;batchNorm=1|layerNorm and batchNorm both name layer 1",
      "batchNormMomentum=0|setting batchNormMomentum is '0'; it must be a number in (0, 1]",
      "normEpsilon=0|setting normEpsilon is '0'",
      "standardize=sometimes|setting standardize is 'sometimes'",
      "output=prelu|output=prelu is not allowed",
      "activation=leaky_relu:2|setting activation is 'leaky_relu:2'; it must be an activation",
  })
  void badValuesNameTheSetting(String overrides, String expected) {
    String m = assertThrows(IllegalArgumentException.class,
        () -> job(overrides.split(";"))).getMessage();
    assertTrue(m.contains(expected), "message was: " + m);
  }

  /** l1/l2 leave biases, PReLU's α and the normalizations' γ, β alone unless regularizeBias. */
  @Test
  void penaltiesApplyToConnectionWeightsOnly() {
    JobConfig job = job("activation=prelu", "batchNorm=true", "l2=0.1");
    Network net = new Network(job.network());
    ThetaLayout layout = net.layout();
    float[] theta = new float[net.parameterCount()];
    java.util.Arrays.fill(theta, 1f);
    float[] gradient = new float[theta.length];
    job.training().regularizeAndClip(theta, gradient);
    assertEquals(0f, gradient[layout.alphaOffset(1)]);
    assertEquals(0f, gradient[layout.gammaOffset(2)]);
    assertEquals(0f, gradient[layout.betaOffset(2)]);
    assertEquals(0f, gradient[layout.index(2, 3, 0)]);
    assertEquals(0.1f, gradient[layout.index(2, 3, 4)], 1e-7f);
  }

  @Test
  void modelWithStateRoundTrips(@TempDir Path dir) throws Exception {
    NetworkSpec spec = job("layers=4,8,8,3", "activation=prelu:0.1", "connections=3<-0,2",
        "residual=1-2", "dropout=0.2", "layerNorm=1", "batchNorm=2", "standardize=true",
        "normEpsilon=0.001").network();
    Network net = new Network(spec);
    float[] x = new float[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(i * 0.37) * 5f + 2f;
    }
    net.fitStandardization(x, 0, 10);
    float[] stats = new float[net.batchStatisticsLength()];
    java.util.Arrays.fill(stats, 3f);
    net.state().updateRunningStatistics(stats, 0, 7);
    float[] theta = Initializer.initialTheta(net, 5);
    ModelFile.write(dir.resolve("m"), net, theta);
    assertTrue(Files.isRegularFile(dir.resolve("m/state.bin")));
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("m/model.json").toFile());
    assertEquals(ModelFile.FORMAT_VERSION, meta.path("formatVersion").asInt());
    assertEquals("3<-0,2", meta.path("connections").asText());
    ModelFile.Loaded loaded = ModelFile.read(dir.resolve("m"));
    assertEquals(spec, loaded.network().spec());
    assertArrayEquals(theta, loaded.theta());
    assertArrayEquals(net.state().values(), loaded.network().state().values());
    float[] a = net.forward(theta, x, 0, 10, net.newWorkspace(10)).clone();
    float[] b = loaded.network().forward(theta, x, 0, 10, loaded.network().newWorkspace(10));
    assertArrayEquals(java.util.Arrays.copyOf(a, 30), java.util.Arrays.copyOf(b, 30));

    Files.delete(dir.resolve("m/state.bin"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ModelFile.read(dir.resolve("m"))).getMessage().contains("state.bin is missing"));
  }

  /** L-BFGS (full batch) trains a batch-normalized net: its loop gets gradients of length D. */
  @Test
  void lbfgsTrainsABatchNormalizedNetwork() {
    JobConfig job = job("optimizer=lbfgs", "mode=batch", "batchNorm=true", "epochs=5",
        "data.samples=300");
    LocalData data = LocalData.of(job);
    Network network = new Network(job.network());
    org.sparkprop.train.BatchPlan plan = new org.sparkprop.train.BatchPlan(2,
        job.batchSize(data.train().rows()), job.seed());
    org.sparkprop.train.TrainingResult result = job.train(network,
        new org.sparkprop.train.InMemoryGradientSource(network, data.train(), plan), null,
        org.sparkprop.train.TrainingListener.NONE);
    assertTrue(result.updates() > 0 && Double.isFinite(
        result.history().get(result.history().size() - 1).loss()), result.toString());
    assertNotEquals(1f, network.state().runningVariance(1)[0]);
  }

  /** A model written by format version 1 (plain perceptrons) is still read. */
  @Test
  void versionOneModelsAreRead(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("v1");
    Files.createDirectories(m);
    Files.writeString(m.resolve("model.json"), "{\"format\":\"sparkprop-mlp\",\"formatVersion\":1,"
        + "\"layers\":[2,3,2],\"activation\":\"tanh\",\"output\":\"softmax\","
        + "\"loss\":\"cross_entropy\",\"parameters\":17}");
    try (var out = new java.io.DataOutputStream(Files.newOutputStream(m.resolve("theta.bin")))) {
      out.writeInt(17);
      for (int i = 0; i < 17; i++) {
        out.writeFloat(i * 0.1f);
      }
    }
    ModelFile.Loaded loaded = ModelFile.read(m);
    assertEquals(new NetworkSpec(new int[] {2, 3, 2}, Activations.parse("tanh"),
        Activations.parse("softmax"), org.sparkprop.nn.Loss.parse("cross_entropy")),
        loaded.network().spec());
    assertEquals(1.6f, loaded.theta()[16], 1e-6f);
  }

  /** The command line trains a network with every addition on Spark and saves its state. */
  @Test
  void trainsEndToEndOnSpark(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path out = dir.resolve("run");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"train", "--set", "data.train=xor", "--set",
        "layers=2,16,16,2", "--set", "connections=3<-0,2", "--set", "residual=1-2", "--set",
        "batchNorm=1", "--set", "layerNorm=2", "--set", "standardize=true", "--set",
        "optimizer=adam", "--set", "stepSize=0.01", "--set", "epochs=10", "--set",
        "partitions=2", "--set", "master=local[2]", "--out", out.toString()},
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String console = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, stderr.toString(StandardCharsets.UTF_8));
    assertTrue(console.contains("layer  units  activation  inputs")
        && console.contains("total 422 parameters in Θ, 36 non-trainable state values"), console);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    // Margin (scripts/accuracy-margins, seeds 1-5 x OPENBLAS_CORETYPE Haswell, SkylakeX, Prescott,
    // in memory with these settings): at least 0.994 against 0.95.
    assertTrue(summary.path("test_accuracy").asDouble() >= 0.95, summary.toString());
    ModelFile.Loaded model = ModelFile.read(out.resolve("model"));
    float[] state = model.network().state().values();
    assertEquals(36, state.length);
    assertNotEquals(0f, state[0]); // μ of the first input, fitted on the training set
    assertFalse(model.network().spec().isPlain());
  }
}
