package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskLocality;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.RDDBlockId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Adam;
import org.sparkprop.spark.BarrierUpdates;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingResult;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Barrier stages on a standalone cluster of two one-core workers whose shards were both cached
 * by one executor (the other was busy while they were packed): every task of every barrier
 * stage launches at once, process-local, one on each executor, instead of the second waiting
 * out {@code spark.locality.wait} at each stage for the executor that holds its shard; and the
 * weights are those of one Spark job per update on the same cluster, bit for bit.
 */
@Tag("cluster")
class BarrierPlacementTest {

  private static final int PORT = ClusterPorts.free();

  @TempDir
  static Path logs;

  @BeforeAll
  static void startCluster() throws Exception {
    ClusterPorts.run(PORT, logs.resolve("start.log"), List.of("scripts/cluster", "start", "2"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    ClusterPorts.run(PORT, logs.resolve("stop.log"), List.of("scripts/cluster", "stop"));
  }

  /** A driver in this JVM; the executors run this build's classes and the JVM's options. */
  private static JavaSparkContext connect() throws InterruptedException {
    String opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized"))
        .collect(Collectors.joining(" "));
    SparkConf conf = new SparkConf().setMaster(ClusterPorts.master(PORT))
        .setAppName("sparkprop-barrier-placement")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.executor.memory", "1g")
        .set("spark.executor.extraClassPath", Path.of("target/classes").toAbsolutePath() + ":"
            + Path.of("target/test-classes").toAbsolutePath())
        .set("spark.executor.extraJavaOptions", opens)
        .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
    JavaSparkContext sc = new JavaSparkContext(conf);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (sc.sc().statusTracker().getExecutorInfos().length < 3) { // the driver is one
      if (System.nanoTime() > deadline) {
        sc.stop();
        throw new AssertionError("two executors did not register within 3 minutes");
      }
      Thread.sleep(100);
    }
    return sc;
  }

  /** The executors that hold partition p of {@code rdd}'s cached blocks. */
  private static Set<String> holders(int rddId, int p) {
    Set<String> out = new HashSet<>();
    for (BlockManagerId id : CollectionConverters.asJava(
        SparkEnv.get().blockManager().master().getLocations(new RDDBlockId(rddId, p)))) {
      out.add(id.executorId());
    }
    return out;
  }

  @Test
  void tasksOfBarrierStagesLaunchTogetherWhenOneExecutorCachedEveryShard(@TempDir Path dir)
      throws Exception {
    Network net = new Network(new NetworkSpec(new int[] {5, 12, 3},
        Activations.parse("relu"), new Softmax(), new CrossEntropy()));
    Samples data = TestSets.random(400, 5, 3, 5);
    BatchPlan plan = new BatchPlan(2, 40, 9);
    int epochs = 3;
    JavaSparkContext sc = connect();
    try {
      // One executor runs a task that holds its only core until the shards are packed, so the
      // other caches both of them.
      Path release = dir.resolve("release");
      String released = release.toString();
      Thread busy = new Thread(() -> sc.parallelize(List.of(0), 1).foreach(x -> {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(Path.of(released)) && System.nanoTime() < end) {
          Thread.sleep(20);
        }
      }));
      busy.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (sc.sc().statusTracker().getActiveStageIds().length == 0
          || java.util.Arrays.stream(sc.sc().statusTracker().getExecutorInfos())
              .mapToInt(e -> e.numRunningTasks()).sum() == 0) {
        assertTrue(System.nanoTime() < deadline, "the busy task did not start");
        Thread.sleep(20);
      }
      ShardRdd packed = ShardRdd.fromSamples(sc, data, plan.shards());
      Files.createFile(release);
      busy.join(TimeUnit.MINUTES.toMillis(2));
      assertFalse(busy.isAlive());
      Set<String> first = holders(packed.rdd().id(), 0);
      assertEquals(1, first.size(), "shard 0 is cached once");
      assertEquals(first, holders(packed.rdd().id(), 1), "both shards on one executor");

      List<String[]> tasks = new CopyOnWriteArrayList<>(); // stage, executor, locality
      Map<Integer, String> names = new ConcurrentHashMap<>();
      SparkListener listener = new SparkListener() {
        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted e) {
          names.put(e.stageInfo().stageId(), e.stageInfo().name());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
          tasks.add(new String[] {Integer.toString(e.stageId()), e.taskInfo().executorId(),
              e.taskInfo().taskLocality().toString()});
        }
      };
      sc.sc().addSparkListener(listener);
      TrainingResult barrier;
      try (SparkGradientSource source = new SparkGradientSource(sc, net, packed, plan, 2);
          BarrierUpdates updates = BarrierUpdates.over(source, sc, net, packed, 2)
              .stageSeconds(0)) {
        barrier = new Trainer(new Adam(), new TrainingConfig(epochs, 0), (stats, theta) -> { })
            .train(updates, Initializer.initialTheta(net, 3));
        assertEquals(epochs, updates.stages(), "one stage per epoch");
      }
      sc.sc().listenerBus().waitUntilEmpty();
      sc.sc().removeSparkListener(listener);
      List<String[]> inStages = new ArrayList<>();
      for (String[] t : tasks) {
        if (names.getOrDefault(Integer.parseInt(t[0]), "").contains("BarrierUpdates")) {
          inStages.add(t);
        }
      }
      assertEquals(2 * epochs, inStages.size(), "two tasks in each barrier stage");
      for (String[] t : inStages) {
        assertEquals(TaskLocality.PROCESS_LOCAL().toString(), t[2],
            "a task of barrier stage " + t[0] + " on executor " + t[1]);
      }
      Map<String, Set<String>> executors = new ConcurrentHashMap<>();
      for (String[] t : inStages) {
        executors.computeIfAbsent(t[0], k -> new HashSet<>()).add(t[1]);
      }
      executors.forEach((stage, on) -> assertEquals(2, on.size(),
          "barrier stage " + stage + " ran on " + on));

      TrainingResult step;
      try (SparkGradientSource source = new SparkGradientSource(sc, net, data, plan, 2)) {
        step = new Trainer(new Adam(), new TrainingConfig(epochs, 0), (stats, theta) -> { })
            .train(source, Initializer.initialTheta(net, 3));
      }
      assertEquals(step.updates(), barrier.updates());
      assertArrayEquals(step.theta(), barrier.theta());
    } finally {
      sc.stop();
    }
  }
}
