package org.sparkprop.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.optim.Adam;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/** The pruning loop: its schedule, what it removes, and that biases are never removed. */
class PruningTest {

  private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 16, 16, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy());
  private static final Network NET = new Network(SPEC);
  private static final Samples XOR = TestSets.xor(400, 1);

  private static GradientSource source() {
    return new InMemoryGradientSource(NET, XOR, new BatchPlan(2, 32, 5));
  }

  private static TrainingResult trained() {
    return new Trainer(new Adam(), new TrainingConfig(30, 0), TrainingListener.NONE)
        .train(source(), Initializer.initialTheta(NET, 3));
  }

  private static double accuracy(float[] theta) {
    var sum = source().evaluate(theta);
    return (double) sum.correct() / sum.count();
  }

  @Test
  void theCubicScheduleTakesLargeStepsFirstAndEndsAtTheTarget() {
    PruneSettings p = new PruneSettings(PruneMethod.MAGNITUDE, 0.8, 4, 1, false, 0, "");
    assertEquals(0.8 * (1 - 27.0 / 64), p.fraction(1), 1e-12);
    assertEquals(0.8, p.fraction(4), 1e-12);
    assertTrue(p.fraction(1) > p.fraction(2) - p.fraction(1));
    assertThrows(IllegalArgumentException.class, () -> p.fraction(5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PruneSettings(PruneMethod.MAGNITUDE, 1.0, 4, 1, false, 0, ""));
    assertEquals("prune.target is 1.0; it must be in [0, 1)", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = PruneMethod.class, names = {"MAGNITUDE", "SALIENCY"})
  void weightPruningRemovesTheTargetFractionOfWeightsAndNoBias(PruneMethod method) {
    TrainingResult base = trained();
    GradientSource source = source();
    PruneSettings p = new PruneSettings(method, 0.75, 3, 2, false, 0, "");
    Pruning.Outcome out = new Pruning(p, SPEC, new Adam(), null, new TrainingConfig(1, 0),
        TrainingListener.NONE).run(source, null, base.theta(), t -> source.saliency(t, 16), base);
    ThetaLayout layout = new ThetaLayout(SPEC);
    boolean[] weights = layout.weightMask();
    int all = 0;
    int zero = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i]) {
        all++;
        zero += out.result().theta()[i] == 0f ? 1 : 0;
      } else {
        assertEquals(1f, out.keep()[i], "a bias or non-weight entry " + i + " was removed");
      }
    }
    assertEquals(Math.round(0.75 * all), zero, "weights at 0");
    assertEquals(3, out.steps().size());
    assertEquals(0.75, out.steps().get(2).weightFraction(), 1.0 / all);
    assertEquals(base.history().size() + 3 * 2, out.result().history().size());
    // XOR with 16-16 tanh units: 1.0 before; measured 1.0 after pruning 75 % of the weights
    // (both methods), so 0.95 leaves a margin of 20 of the 400 rows.
    assertTrue(accuracy(base.theta()) >= 0.99, "base " + accuracy(base.theta()));
    double pruned = accuracy(out.result().theta());
    assertTrue(pruned >= 0.95, method + ": accuracy after pruning " + pruned);
  }

  @Test
  void aNetworkWhoseUnitsCannotBeRemovedIsRefusedBeforeTraining() {
    NetworkSpec normalized = SPEC.with(SPEC.architecture().withNormalization(2,
        org.sparkprop.nn.Normalization.LAYER));
    UnitNotRemovableException e = assertThrows(UnitNotRemovableException.class,
        () -> Pruning.checkUnits(normalized));
    assertEquals(2, e.layer());
    assertEquals("unit 0 of layer 2 cannot be removed: the layer is layer-normalized (its mean"
        + " and variance over units would change)", e.getMessage());
    Pruning.checkUnits(SPEC);
  }

  @Test
  void unitPruningZeroesWholeIncomingRowsAndTheModelShrinks() {
    TrainingResult base = trained();
    PruneSettings p = new PruneSettings(PruneMethod.MAGNITUDE, 0.5, 2, 2, true, 0, "");
    Pruning.Outcome out = new Pruning(p, SPEC, new Adam(), null, new TrainingConfig(1, 0),
        TrainingListener.NONE).run(source(), null, base.theta(), null, base);
    assertEquals(8, out.steps().get(1).hiddenSizes()[1]);
    assertEquals(8, out.steps().get(1).hiddenSizes()[2]);
    boolean[][] dead = UnitRemoval.deadUnits(SPEC, out.result().theta());
    UnitRemoval.Shrunk shrunk = UnitRemoval.remove(SPEC, out.result().theta(), dead);
    assertEquals(8, shrunk.spec().size(1));
    assertEquals(8, shrunk.spec().size(2));
    Network small = new Network(shrunk.spec());
    var sum = new InMemoryGradientSource(small, XOR, new BatchPlan(1, 400, 1))
        .evaluate(shrunk.theta());
    double acc = (double) sum.correct() / sum.count();
    assertEquals(accuracy(out.result().theta()), acc, 1.0 / 400, "shrunk and zeroed agree");
  }
}
