package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Adam;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * The cost log of a real local run, one job per update and barrier stages, and Θ inside the task
 * against Θ broadcast.
 */
class UpdateCostLogTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {6, 40, 4},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));

  @Test
  void everyUpdateIsRecordedWithSparksFigures() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(400, 6, 4, 5);
    BatchPlan plan = new BatchPlan(2, 64, 7);
    float[] theta = Initializer.initialTheta(NET, 3);
    int updates = 12;
    try (UpdateCostLog log = UpdateCostLog.attach(sc);
        SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 2)
            .recordCosts(log)) {
      for (int i = 0; i < updates; i++) {
        source.gradient(theta, 0, i % plan.iterations(data.rows()));
      }
      source.evaluate(theta); // not an update: not recorded
      List<UpdateCost> costs = log.updates();
      assertEquals(updates, costs.size());
      Map<Integer, JobTasks> jobs = log.jobs(30_000);
      assertEquals(updates, jobs.size(), "Spark reported every update's job");
      for (int u = 1; u <= updates; u++) {
        UpdateCost c = costs.get(u - 1);
        assertEquals(u, c.update());
        assertTrue(c.computeNanos() > 0, "update " + u + ": the tasks timed their arithmetic");
        assertTrue(c.wallNanos() >= c.computeNanos(), "update " + u + ": wall covers compute");
        assertEquals(BulkFloats.serializedSize(NET.parameterCount()), c.broadcastBytes());
        JobTasks j = jobs.get(u);
        assertEquals(2, j.tasks(), "update " + u + ": one task per partition");
        assertTrue(j.resultBytes() > 4L * NET.parameterCount(),
            "update " + u + ": a gradient per task comes back, " + j.resultBytes() + " bytes");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      log.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String printed = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("\"window\": \"first100\", \"from\": 1, \"to\": 100,"
          + " \"updates\": 12,"), printed);
      assertFalse(printed.contains("500_600"), "no window without updates: " + printed);
    }
  }

  @Test
  void barrierStagesRecordEveryUpdateAsTheHubTimedIt() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(400, 6, 4, 5);
    BatchPlan plan = new BatchPlan(2, 32, 7); // 13 batches an epoch
    int epochs = 3;
    ShardRdd packed = ShardRdd.fromSamples(sc, data, 2); // the source closes it
    try (UpdateCostLog log = UpdateCostLog.attach(sc);
        SparkGradientSource source = new SparkGradientSource(sc, NET, packed, plan, 2)
            .recordCosts(log);
        BarrierUpdates barrier = BarrierUpdates.over(source, sc, NET, packed, 2, 1)) {
      TrainingResult result = new Trainer(new Adam(), new TrainingConfig(epochs, 0),
          TrainingListener.NONE).train(barrier, Initializer.initialTheta(NET, 3));
      List<UpdateCost> costs = log.updates();
      assertEquals(epochs * plan.iterations(data.rows()), result.updates());
      assertEquals(result.updates(), costs.size(), "every update of every stage, once");
      for (int u = 1; u <= costs.size(); u++) {
        UpdateCost c = costs.get(u - 1);
        assertEquals(u, c.update());
        assertTrue(c.barrier(), "update " + u);
        assertTrue(c.computeNanos() > 0, "update " + u + ": the tasks timed their arithmetic");
        assertTrue(c.sparkNanos() >= 0, "update " + u + ": the wall covers the compute: " + c);
        assertEquals(c.wallNanos(), c.gatherNanos() + c.addNanos() + c.sendNanos(),
            "update " + u + ": the hub's split adds up: " + c);
      }
      UpdateCostWindow all = log.windows().get(log.windows().size() - 1);
      assertEquals("all", all.name());
      assertEquals(costs.size(), all.barrierUpdates());
      assertTrue(Double.isNaN(all.jobMs()), "no job of its own per update");
    }
  }

  @Test
  void thetaInsideTheTaskGivesTheBroadcastsBits() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(300, 6, 4, 9);
    BatchPlan plan = new BatchPlan(2, 50, 4);
    float[] theta = Initializer.initialTheta(NET, 8);
    try (ShardRdd shards = ShardRdd.fromSamples(sc, data, plan.shards())) {
      for (int iteration = 0; iteration < 3; iteration++) {
        GradientSum inline = ShardSums.run(shards.rdd(), new GradientTask(NET, plan, null,
            new BulkFloats(theta), null, 1, iteration), 2, true);
        Broadcast<BulkFloats> b = sc.broadcast(new BulkFloats(theta));
        GradientSum broadcast = ShardSums.run(shards.rdd(),
            new GradientTask(NET, plan, b, null, null, 1, iteration), 2, true);
        b.destroy();
        assertArrayEquals(broadcast.gradient(), inline.gradient());
        assertEquals(broadcast.loss(), inline.loss());
        assertEquals(broadcast.count(), inline.count());
      }
    }
  }
}
