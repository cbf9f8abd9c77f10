package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Accuracy counting after a forward pass: argmax_c s^L_c against the argmax of the target row
 * (f(x) = argmax_c s_c(x)), or s ≥ ½ against t ≥ ½ for a single sigmoid output.
 */
class CountCorrectTest {

  /** A 2-3 linear/softmax layer whose outputs are the softmax of (x1, x2, 0). */
  @Test
  void countsArgmaxAgreementsForSeveralClasses() {
    NetworkSpec spec = Problems.spec("2-3", "linear", "softmax", "cross_entropy");
    Network net = new Network(spec);
    ThetaLayout layout = net.layout();
    float[] theta = new float[layout.size()];
    theta[layout.index(1, 0, 1)] = 1f;
    theta[layout.index(1, 1, 2)] = 1f;
    // Predicted classes: 0, 1, 2, 0.
    float[] x = {2f, 0f, 0f, 3f, -1f, -2f, 5f, 4f};
    float[] t = {9f, 9f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f, 1f};
    Workspace ws = net.newWorkspace(4);
    net.forward(theta, x, 0, 4, ws);
    // Targets (from offset 2): 0, 1, 1, 2 → rows 0 and 1 right.
    assertEquals(2, net.countCorrect(ws, t, 2, 4));
  }

  @Test
  void singleSigmoidOutputUsesTheHalfThreshold() {
    NetworkSpec spec = Problems.spec("1-1", "linear", "sigmoid", "squared");
    Network net = new Network(spec);
    float[] theta = {0f, 1f}; // s = sigmoid(x)
    float[] x = {2f, -2f, 0.5f, -0.5f, 0f};
    float[] t = {1f, 0f, 0f, 1f, 1f};
    Workspace ws = net.newWorkspace(5);
    net.forward(theta, x, 0, 5, ws);
    // s ≥ ½ for rows 0, 2, 4; t ≥ ½ for rows 0, 3, 4 → rows 0, 1, 4 agree.
    assertEquals(3, net.countCorrect(ws, t, 0, 5));
  }
}
