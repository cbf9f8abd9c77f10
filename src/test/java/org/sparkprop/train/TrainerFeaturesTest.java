package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.ClipNorm;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.optim.L2Penalty;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.ParameterMask;
import org.sparkprop.optim.Schedule;

/** The training loop's controls: schedules, penalties, clipping, early stopping, curriculum, noise. */
class TrainerFeaturesTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {2, 8, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Samples XOR = TestSets.xor(200, 1);

  private static TrainingConfig config(int epochs, Schedule schedule, L2Penalty l2,
      ClipNorm clip, int patience, int curriculum) {
    return new TrainingConfig(epochs, 0, schedule, l2, null, clip, null, patience, curriculum);
  }

  private static GradientSource batchSource() {
    return new InMemoryGradientSource(NET, XOR, new BatchPlan(1, XOR.rows(), 5));
  }

  @Test
  void scheduleScalesTheStep() {
    List<float[]> seen = new ArrayList<>();
    float rho = 0.5f;
    // Step decay by one half every epoch; batch mode makes one update per epoch.
    new Trainer(new GradientDescent(rho), config(2, Schedule.step(1, 0.5), null, null, 0, 0),
        (s, theta) -> seen.add(theta.clone()))
        .train(batchSource(), Initializer.initialTheta(NET, 3));
    float[] theta1 = seen.get(0);
    GradientSum g = batchSource().gradient(theta1, 1, 0);
    for (int i = 0; i < theta1.length; i++) {
      float expected = theta1[i] - 0.5f * rho * g.gradient()[i] / g.count();
      assertEquals(expected, seen.get(1)[i], 1e-6f, "theta[" + i + "]");
    }
  }

  @Test
  void l2AddsLambdaThetaToTheGradientOfWeightsOnly() {
    float[] theta0 = Initializer.initialTheta(NET, 3);
    float lambda = 0.5f;
    float rho = 0.1f;
    boolean[] weights = new boolean[theta0.length];
    Arrays.fill(weights, true);
    for (int k = 1; k <= 2; k++) {
      for (int i = 0; i < NET.spec().size(k); i++) {
        weights[NET.layout().index(k, i, 0)] = false;
      }
    }
    L2Penalty l2 = new L2Penalty(lambda, ParameterMask.of(weights));
    float[] plain = new Trainer(new GradientDescent(rho), config(1, Schedule.constant(), null,
        null, 0, 0), TrainingListener.NONE).train(batchSource(), theta0).theta();
    TrainingResult penalized = new Trainer(new GradientDescent(rho), config(1,
        Schedule.constant(), l2, null, 0, 0), TrainingListener.NONE).train(batchSource(), theta0);
    for (int i = 0; i < theta0.length; i++) {
      float expected = plain[i] - (weights[i] ? rho * lambda * theta0[i] : 0f);
      assertEquals(expected, penalized.theta()[i], 1e-6f, "theta[" + i + "]");
    }
    double penalty = 0;
    for (int i = 0; i < theta0.length; i++) {
      penalty += weights[i] ? 0.5 * lambda * theta0[i] * theta0[i] : 0;
    }
    double dataLoss = batchSource().evaluate(theta0).loss() / XOR.rows();
    assertEquals(dataLoss + penalty, penalized.history().get(0).loss(), 1e-5);
  }

  @Test
  void clipNormBoundsTheStep() {
    float[] theta0 = Initializer.initialTheta(NET, 3);
    float[] after = new Trainer(new GradientDescent(1f), config(1, Schedule.constant(), null,
        new ClipNorm(1e-3), 0, 0), TrainingListener.NONE).train(batchSource(), theta0).theta();
    double norm = 0;
    for (int i = 0; i < theta0.length; i++) {
      norm += (after[i] - theta0[i]) * (double) (after[i] - theta0[i]);
    }
    assertEquals(1e-3, Math.sqrt(norm), 1e-6);
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() {
    // Validation losses by epoch: best at epoch 2, then two epochs without improvement.
    double[] losses = {1.0, 0.5, 0.7, 0.8, 0.1};
    int[] calls = {0};
    Evaluator validation = theta -> {
      GradientSum sum = new GradientSum();
      sum.addStatistics(losses[calls[0]++], 1, 0);
      return sum;
    };
    List<float[]> seen = new ArrayList<>();
    TrainingResult result = new Trainer(new GradientDescent(0.5f),
        config(5, Schedule.constant(), null, null, 2, 0), (s, theta) -> seen.add(theta.clone()))
        .train(batchSource(), Initializer.initialTheta(NET, 3), validation);
    assertEquals(StopReason.EARLY_STOPPING, result.stopReason());
    assertEquals(4, result.epochs());
    assertEquals(2, result.bestEpoch());
    assertArrayEquals(seen.get(1), result.theta());
    assertEquals(0.5, result.history().get(1).validationLoss());
  }

  /**
   * With batch norm, the network that early stopping returns has the best epoch's running
   * statistics as well as its Θ, also when the run was resumed after the best epoch.
   */
  @Test
  void earlyStoppingRestoresTheBestEpochsRunningStatistics() {
    NetworkSpec spec = new NetworkSpec(new int[] {2, 8, 2}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy(),
        Architecture.plain(2).withNormalization(1, Normalization.BATCH));
    double[] losses = {1.0, 0.5, 0.7, 0.8, 0.1};
    Network net = new Network(spec);
    List<float[]> states = new ArrayList<>();
    TrainingState[] atEpoch3 = new TrainingState[1];
    Checkpointer keep3 = new Checkpointer() {
      @Override
      public void save(TrainingState state) {
        atEpoch3[0] = state;
      }

      @Override
      public boolean due(int epochs) {
        return epochs == 3;
      }
    };
    TrainingResult result = new Trainer(new GradientDescent(0.5f),
        config(5, Schedule.constant(), null, null, 2, 0),
        (stats, theta) -> states.add(net.state().values()))
        .checkpoints(keep3)
        .train(bnSource(net), Initializer.initialTheta(net, 3), scripted(losses, 0));
    assertEquals(2, result.bestEpoch());
    assertEquals(4, states.size());
    assertFalse(java.util.Arrays.equals(states.get(1), states.get(3)),
        "the statistics moved after the best epoch");
    assertArrayEquals(states.get(1), net.state().values());
    assertArrayEquals(states.get(1), atEpoch3[0].bestNetworkState());

    // Resumed after epoch 3, in a fresh network whose statistics are those of epoch 3.
    Network again = new Network(spec);
    again.state().load(states.get(2));
    TrainingResult resumed = new Trainer(new GradientDescent(0.5f),
        config(5, Schedule.constant(), null, null, 2, 0), TrainingListener.NONE)
        .resumeFrom(atEpoch3[0])
        .train(bnSource(again), Initializer.initialTheta(again, 3), scripted(losses, 3));
    assertEquals(2, resumed.bestEpoch());
    assertArrayEquals(result.theta(), resumed.theta());
    assertArrayEquals(states.get(1), again.state().values());
  }

  private static GradientSource bnSource(Network net) {
    return RunningStatisticsSource.wrap(net,
        new InMemoryGradientSource(net, XOR, new BatchPlan(1, 50, 5)));
  }

  /** A validation whose loss at epoch e (1-based) is losses[e − 1], from epoch first + 1 on. */
  private static Evaluator scripted(double[] losses, int first) {
    int[] calls = {first};
    return theta -> {
      GradientSum sum = new GradientSum();
      sum.addStatistics(losses[calls[0]++], 1, 0);
      return sum;
    };
  }

  @Test
  void curriculumVisitsTheEasiestSamplesFirst() {
    assertArrayEquals(new int[] {1, 3, 2, 0},
        Curriculum.easyFirst(new float[] {0.9f, 0.1f, 0.5f, 0.1f}));
    assertEquals(0, Curriculum.easyFirst(new float[0]).length);

    // The first batch of a curriculum epoch holds the lowest-loss rows.
    float[] theta = Initializer.initialTheta(NET, 3);
    BatchPlan plan = new BatchPlan(2, 10, 5);
    InMemoryGradientSource source = new InMemoryGradientSource(NET, XOR, plan);
    ShardWorker worker = new ShardWorker(NET);
    float[][] q = new float[2][];
    for (Shard shard : Shard.split(XOR, 2)) {
      q[shard.index()] = worker.sampleLosses(theta, shard.samples(), shard.soft());
    }
    source.easyFirst(theta);
    double easy = source.gradient(theta, 0, 0).loss();
    float[] all = new float[XOR.rows()];
    int n = 0;
    for (float[] shard : q) {
      for (float v : shard) {
        all[n++] = v;
      }
    }
    Arrays.sort(all);
    double lowest = 0;
    for (int i = 0; i < 10; i++) {
      lowest += all[i];
    }
    // Per shard the 5 easiest, so at least the global 10 lowest and at most the shards' sums.
    assertTrue(easy >= lowest - 1e-4, easy + " < " + lowest);
    source.easyFirst(null);
    assertTrue(source.gradient(theta, 0, 0).loss() > easy, "a random batch is harder");
  }

  @Test
  void inputNoiseIsSeededAndChangesTheGradient() {
    float[] theta = Initializer.initialTheta(NET, 3);
    BatchPlan noisy = new BatchPlan(2, 16, 5, 0.3f);
    float[] a = new InMemoryGradientSource(NET, XOR, noisy).gradient(theta, 1, 2).gradient();
    float[] b = new InMemoryGradientSource(NET, XOR, noisy).gradient(theta, 1, 2).gradient();
    float[] clean = new InMemoryGradientSource(NET, XOR, new BatchPlan(2, 16, 5))
        .gradient(theta, 1, 2).gradient();
    float[] other = new InMemoryGradientSource(NET, XOR, noisy).gradient(theta, 1, 3).gradient();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, clean));
    assertFalse(Arrays.equals(a, other));
  }

  @Test
  void lbfgsLearnsXorOnTheFullBatch() {
    TrainingResult result = new LbfgsTrainer(new Lbfgs(), new TrainingConfig(100, 0),
        TrainingListener.NONE).train(batchSource(), Initializer.initialTheta(NET, 3), null);
    GradientSum sum = batchSource().evaluate(result.theta());
    assertTrue(sum.correct() >= 0.98 * sum.count(), sum.correct() + "/" + sum.count());
    assertTrue(result.history().get(result.epochs() - 1).loss() < 0.05);
  }
}
