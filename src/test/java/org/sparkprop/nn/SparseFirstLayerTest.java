package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.tensor.Csr;

/**
 * The sparse first layer ({@link Network#forward(float[], Csr, int, int, Workspace)} and
 * {@link Network#gradient(float[], Csr, int, float[], int, float[], int, int, Workspace, float[],
 * long)}): its gradient against central differences of the double-precision reference on the
 * densified inputs (the tolerance of {@link GradientCheckTest}), and against the dense path on
 * the same rows; weights of columns that no row stores get exactly no gradient.
 */
class SparseFirstLayerTest {

  static final int ROWS = 5;

  /** Inputs of {@code columns} columns, about {@code perRow} stored a row, never the last. */
  static Csr sparseRows(int rows, int columns, int perRow, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * columns];
    for (int r = 0; r < rows; r++) {
      for (int e = 0; e < perRow; e++) {
        x[r * columns + random.nextInt(columns - 1)] = (float) (2 * random.nextDouble() - 1);
      }
    }
    return Csr.of(x, rows, columns).check();
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3}")
  @CsvSource({
      "40-6-3, tanh, softmax, cross_entropy",
      "40-6-3, sigmoid, linear, squared",
      "40-5-4-2, softsign, sigmoid, squared"})
  void gradientMatchesFiniteDifferences(String layers, String hidden, String output,
      String loss) {
    NetworkSpec spec = Problems.spec(layers, hidden, output, loss);
    Problems.Problem problem = Problems.usable(spec, ROWS, layers.hashCode(), 1.0, 1e-2);
    Csr x = sparseRows(ROWS, spec.size(0), 4, 11);
    float[] dense = x.dense();
    Problems.Batch b = problem.batch();
    Problems.Problem sparseProblem = new Problems.Problem(spec, problem.theta(),
        new Problems.Batch(dense, 0, b.t(), b.tOff(), ROWS));
    Network net = new Network(spec);
    float[] grad = new float[net.parameterCount()];
    net.gradient(problem.theta(), x, 0, b.t(), b.tOff(), null, 0, ROWS,
        net.newWorkspace(ROWS), grad, 0L);
    double[] numeric = GradientCheckTest.finiteDifferences(spec, sparseProblem,
        GradientCheckTest.H);
    double worst = 0;
    for (int p = 0; p < grad.length; p++) {
      worst = Math.max(worst, GradientCheckTest.relativeError(numeric[p], grad[p],
          GradientCheckTest.FLOOR));
    }
    assertTrue(worst <= GradientCheckTest.TOL, spec + ": relative error " + worst);
    // Column M_0 − 1 is stored by no row: its weights get no gradient at all.
    ThetaLayout layout = net.layout();
    int ld = layout.rowLength(1);
    for (int i = 0; i < layout.rows(1); i++) {
      assertEquals(0f, grad[layout.offset(1) + i * ld + ld - 1], "unit " + i);
    }
  }

  @Test
  void sparseMatchesDensePathOnTheSameRows() {
    NetworkSpec spec = Problems.spec("300-16-8-4", "relu", "softmax", "cross_entropy");
    float[] theta = Problems.theta(spec, 5, 0.3);
    int rows = 37;
    Csr x = sparseRows(rows + 3, spec.size(0), 12, 7);
    float[] dense = x.dense();
    float[] t = Problems.batch(spec, rows, 9).t();
    int tOff = 5;
    float[] w = new float[rows];
    for (int r = 0; r < rows; r++) {
      w[r] = 0.5f + r % 3;
    }
    Network net = new Network(spec);
    Workspace ws = net.newWorkspace(8);
    int first = 3;
    float[] sparseGrad = new float[net.parameterCount()];
    double sparseLoss = net.gradient(theta, x, first, t, tOff, w, 0, rows, ws, sparseGrad, 0L);
    float[] sparseOut = net.forward(theta, x, first, rows, ws).clone();
    float[] denseGrad = new float[net.parameterCount()];
    double denseLoss = net.gradient(theta, dense, first * spec.size(0), t, tOff, w, 0, rows, ws,
        denseGrad, 0L);
    float[] denseOut = net.forward(theta, dense, first * spec.size(0), rows, ws).clone();
    assertEquals(denseLoss, sparseLoss, 1e-5 * Math.abs(denseLoss));
    float scale = 0;
    for (float g : denseGrad) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertArrayEquals(denseGrad, sparseGrad, 1e-5f * scale);
    assertArrayEquals(denseOut, sparseOut, 1e-5f);
    assertEquals(net.loss(theta, dense, first * spec.size(0), t, tOff, rows, ws),
        net.loss(theta, x, first, t, tOff, rows, ws), 1e-5 * Math.abs(denseLoss));
  }

  @Test
  void standardizationIsRefusedNamingTheSetting() {
    NetworkSpec plain = Problems.spec("10-4-2", "tanh", "softmax", "cross_entropy");
    NetworkSpec spec = plain.with(plain.architecture().withStandardize(true));
    Network net = new Network(spec);
    Csr x = sparseRows(2, 10, 3, 1);
    SparseInputException e = assertThrows(SparseInputException.class,
        () -> net.forward(new float[net.parameterCount()], x, 0, 2, net.newWorkspace(2)));
    assertEquals("standardize", e.setting());
    assertTrue(e.getMessage().contains("data.sparse=false"), e.getMessage());
  }

  @Test
  void residualFromTheInputsIsRefusedNamingTheSetting() {
    NetworkSpec plain = Problems.spec("6-6-2", "tanh", "linear", "squared");
    NetworkSpec spec = plain.with(plain.architecture()
        .withTopology(Topology.parse("", "0-1", 2)));
    Network net = new Network(spec);
    SparseInputException e = assertThrows(SparseInputException.class,
        () -> net.requireSparseInput(sparseRows(2, 6, 2, 1)));
    assertEquals("residual", e.setting());
    assertEquals("0-1", e.value());
  }

  @Test
  void skipConnectionsFromTheInputsUseTheSparseProduct() {
    NetworkSpec plain = Problems.spec("20-5-3", "tanh", "softmax", "cross_entropy");
    NetworkSpec spec = plain.with(plain.architecture()
        .withTopology(Topology.parse("2<-0,1", "", 2)));
    Network net = new Network(spec);
    float[] theta = Problems.theta(spec, 3, 0.5);
    Csr x = sparseRows(6, 20, 4, 2);
    float[] t = Problems.batch(spec, 6, 4).t();
    Workspace ws = net.newWorkspace(6);
    float[] sparseGrad = new float[net.parameterCount()];
    float[] denseGrad = new float[net.parameterCount()];
    net.gradient(theta, x, 0, t, 5, null, 0, 6, ws, sparseGrad, 0L);
    net.gradient(theta, x.dense(), 0, t, 5, null, 0, 6, ws, denseGrad, 0L);
    assertArrayEquals(denseGrad, sparseGrad, 1e-5f);
  }
}
