package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topologies beyond the perceptron are parsed from the settings syntax and validated once, with
 * errors that say what is wrong: cycles and forward references, size mismatches of residual
 * blocks, unused layers, syntax; the spec prints, compares and serializes with its architecture.
 */
class ArchitectureSpecTest {

  private static String refused(String layers, String connections, String residual) {
    int[] sizes = java.util.Arrays.stream(layers.split("-")).mapToInt(Integer::parseInt)
        .toArray();
    return assertThrows(IllegalArgumentException.class, () -> {
      Topology t = Topology.parse(connections, residual, sizes.length - 1);
      new NetworkSpec(sizes, new Tanh(), new Softmax(), new CrossEntropy(),
          Architecture.plain(sizes.length - 1).withTopology(t));
    }).getMessage();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3-4-5-2|2<-2|layer 2 cannot read layer 2",
      "3-4-5-2|2<-0,3|would make a cycle",
      "3-4-5-2|1<-2|layer 1 cannot read layer 2",
      "3-4-5-2|4<-0|layer 4 does not exist",
      "3-4-5-2|2<-0;2<-1|names layer 2 twice",
      "3-4-5-2|2<-1,1|reads layer 1 twice",
      "3-4-5-2|2:0,1|must look like 2<-0,1",
      "3-4-5-2|2<-x|'x' is not a layer number",
      "3-4-5-2|2<-0|the output of layer 1 is read by no later layer",
      "3-4-5-2|1<-0;2<-0;3<-2|the output of layer 1 is read by no later layer",
  })
  void badConnections(String layers, String connections, String message) {
    String m = refused(layers, connections, "");
    assertTrue(m.contains(message), m);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3-4-5-2|1-2|layer 1 has 4 units but layer 2 has 5; f(s) + s needs equal sizes",
      "3-4-4-2|2-1|a-b with a < b",
      "3-4-4-2|1-1|a-b with a < b",
      "3-4-4-2|1-7|layers run from 0",
      "3-4-4-2|1+2|must look like 1-3",
      "3-4-4-2|1-2;1-2|names 1-2 twice",
      "3-4-4-2|0-3|layer 0 has 3 units but layer 3 has 2",
  })
  void badResidualBlocks(String layers, String residual, String message) {
    String m = refused(layers, "", residual);
    assertTrue(m.contains(message), m);
  }

  @Test
  void residualIntoTheOutputNeedsALinearOutput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArchitectureProblems.spec("3-4-5-4", "tanh", "sigmoid", "squared",
            ArchitectureProblems.topology("", "1-3")));
    assertTrue(e.getMessage().contains("output=linear"), e.getMessage());
    ArchitectureProblems.spec("3-4-5-4", "tanh", "linear", "squared",
        ArchitectureProblems.topology("", "1-3"));
  }

  @Test
  void preluAndMaxoutAreHiddenOnly() {
    for (Activation g : new Activation[] {new PRelu(), new Maxout(3)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new NetworkSpec(new int[] {3, 4, 2}, new Tanh(), g, new SquaredError()));
      assertTrue(e.getMessage().contains("output=" + g.name()), e.getMessage());
    }
  }

  @Test
  void normalizationAndDropoutOnlyOnHiddenLayers() {
    Architecture a = Architecture.plain(2);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> a.withNormalization(2, Normalization.BATCH)).getMessage()
        .contains("hidden layers"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> a.withDropout(new float[] {0f, 0f, 0.5f})).getMessage().contains("hidden layers"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> a.withDropout(1f)).getMessage().contains("[0, 1)"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ArchitectureProblems.spec("3-1-2", "tanh", "softmax", "cross_entropy",
            b -> b.withNormalization(1, Normalization.LAYER))).getMessage()
        .contains("at least 2 units"));
  }

  @Test
  void settingsParsers() {
    assertArrayEquals(new float[] {0f, 0.2f, 0.2f, 0f}, Architecture.parseDropout("0.2", 3));
    assertArrayEquals(new float[] {0f, 0.1f, 0.3f, 0f}, Architecture.parseDropout("0.1,0.3", 3));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Architecture.parseDropout("0.1,0.2,0.3", 3)).getMessage().contains("2 values"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Architecture.parseDropout("0.2", 1)).getMessage().contains("no hidden layer"));
    assertArrayEquals(new boolean[] {false, true, true, false},
        Architecture.parseLayers("layerNorm", "true", 3));
    assertArrayEquals(new boolean[] {false, false, true, false},
        Architecture.parseLayers("batchNorm", "2", 3));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Architecture.parseLayers("batchNorm", "3", 3)).getMessage()
        .contains("not a hidden layer"));
  }

  @Test
  void textRoundTrips() {
    Topology t = Topology.parse(" 3<-2,0 ; 2<-1,0 ", "1-2, 2-3", 4);
    assertArrayEquals(new int[] {0, 2}, t.inputs(3));
    assertArrayEquals(new int[] {0}, t.inputs(1));
    assertEquals("2<-0,1;3<-0,2", t.connectionsText());
    assertEquals("1-2;2-3", t.residualText());
    assertEquals(t, Topology.parse(t.connectionsText(), t.residualText(), 4));
    assertTrue(Topology.parse("", "", 4).isPlain());
    assertTrue(Topology.parse("2<-1", "", 4).isPlain());
  }

  @Test
  void printsComparesAndSerializes() throws Exception {
    NetworkSpec spec = ArchitectureProblems.spec("4-6-6-3", "prelu", "softmax", "cross_entropy",
        a -> a.withTopology(Topology.parse("3<-0,2", "1-2", 3))
            .withNormalization(1, Normalization.BATCH).withDropout(0.25f)
            .withStandardize(true));
    assertEquals("4-6-6-3 prelu/softmax cross_entropy [connections 3<-0,2, residual 1-2,"
        + " dropout 0.25,0.25, batchNorm 1, standardized inputs]", spec.toString());
    NetworkSpec same = ArchitectureProblems.spec("4-6-6-3", "prelu", "softmax", "cross_entropy",
        a -> a.withTopology(Topology.parse("3<-0,2", "1-2", 3))
            .withNormalization(1, Normalization.BATCH).withDropout(0.25f)
            .withStandardize(true));
    assertEquals(spec, same);
    assertEquals(spec.hashCode(), same.hashCode());
    assertNotEquals(spec, spec.with(spec.architecture().withDropout(0.3f)));
    assertNotEquals(spec, spec.with(Architecture.plain(3)));
    assertEquals(new NetworkSpec(spec.sizes(), spec.hidden(), spec.output(), spec.loss()),
        spec.with(Architecture.plain(3)));

    Network net = ArchitectureProblems.network(spec, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(net);
    }
    Network copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Network) in.readObject();
    }
    assertEquals(spec, copy.spec());
    assertArrayEquals(net.state().values(), copy.state().values());
    float[] theta = Problems.theta(spec, 4, 0.5);
    Problems.Batch b = Problems.batch(spec, 7, 5);
    float[] g1 = new float[net.parameterCount()];
    float[] g2 = new float[net.parameterCount()];
    assertEquals(net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 7, net.newWorkspace(7), g1,
        9L), copy.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 7, copy.newWorkspace(7), g2,
        9L));
    assertArrayEquals(g1, g2);
  }
}
