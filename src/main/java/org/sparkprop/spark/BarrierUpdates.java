package org.sparkprop.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.BlockManagerMaster;
import org.apache.spark.storage.RDDBlockId;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import org.sparkprop.train.UpdateChunk;
import org.sparkprop.train.UpdateChunks;
import org.sparkprop.train.UpdateStep;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * sync=barrier: the training loop's runs of batches (the rest of an epoch, several epochs when
 * nothing at their ends needs the driver, or up to a mid-epoch checkpoint) each become one
 * barrier stage over the cached shards ({@link BarrierUpdateTask}) instead of one Spark job per
 * update; single sums (evaluation, and any batch asked for alone) still come
 * from the {@link SparkGradientSource} it wraps. The updates are the ones that source's jobs and
 * the driver would make, bit for bit: the same shard sums, added in the same order and tree shape
 * ({@link GatheredSums}) by the driver's {@link SumHub}, and the same {@link UpdateStep}.
 *
 * <p>Spark does not retry a failed barrier result stage, so this does: when a stage fails (an
 * executor lost, a task failed), its run is retired at the hub and run again, as a new stage
 * with a fresh token, from the Θ and optimizer state it started from (the driver holds them: a
 * run changes nothing on the driver until it returns), up to {@code spark.task.maxFailures}
 * stages in all (the bound Spark puts on the attempts of one task of a {@code step} job; 1 in
 * {@code local[N]}, F in {@code local[N,F]}). Every stage computes the same bits from the same
 * start, so a rerun ends where an undisturbed run would have. After the last failed stage the
 * run fails with a {@link BarrierRunFailedException}.
 *
 * <p>A run over several epochs is one stage only while it is short: once a stage has run for
 * {@link #DEFAULT_STAGE_SECONDS} the hub ends it at the next epoch end ({@link SumHub.Span}), and
 * the loop's next run goes on from there. Launching a stage costs a few tenths of a second on a
 * cluster, so runs of short epochs share that cost; the bound keeps the loop's epoch lines
 * (and a stop's reach) within a few seconds. Where a stage ends changes no update.
 *
 * <p>When the source records costs ({@link SparkGradientSource#recordCosts}), the hub times
 * every update of a stage ({@link SumHub.Timing}) and a stage that succeeds adds its updates to
 * the same log, so the two modes' costs per update compare; a failed stage's are dropped.
 */
public final class BarrierUpdates implements GradientSource, UpdateChunks {

  private static final ClassTag<UpdateChunk> CHUNK = ClassTag$.MODULE$.apply(UpdateChunk.class);
  private static final ClassTag<Shard> SHARD = ClassTag$.MODULE$.apply(Shard.class);
  private static final Logger LOG = Logger.getLogger(BarrierUpdates.class.getName());
  /** Spark's error condition of a cancelled job. */
  private static final String CANCELLED = "SPARK_JOB_CANCELLED";
  /**
   * How long a stage runs before it ends at the next epoch end (when its run reaches past it):
   * a few stage launches' worth on a cluster, short enough for progress lines.
   */
  public static final double DEFAULT_STAGE_SECONDS = 2.0;
  /** How long a rerun waits for the cluster to have a slot for every partition again. */
  private static final long SLOT_WAIT_MILLIS = 120_000;

  private final SparkGradientSource source;
  private final JavaSparkContext sc;
  private final Network network;
  private final JavaRDD<Shard> shards;
  private final BatchPlan plan;
  private final SumHub hub;
  private final String hubHost;
  private final int attempts;
  private int reruns;
  private int stages;
  private long stageNanos = (long) (DEFAULT_STAGE_SECONDS * 1e9);

  private BarrierUpdates(SparkGradientSource source, JavaSparkContext sc, Network network,
      ShardRdd packed, SumHub hub, String hubHost, int attempts) {
    this.attempts = attempts;
    this.source = source;
    this.sc = sc;
    this.network = network;
    this.shards = packed.rdd();
    this.plan = source.plan();
    this.hub = hub;
    this.hubHost = hubHost;
    hub.timeUpdates(source.costLog() != null);
  }

  /**
   * Barrier stages over {@code packed} (the shards {@code source} reads), after checking that the
   * cluster has a task slot for every partition ({@link BarrierSlotsException} otherwise).
   */
  public static BarrierUpdates over(SparkGradientSource source, JavaSparkContext sc,
      Network network, ShardRdd packed, int treeDepth) {
    return over(source, sc, network, packed, treeDepth, maxAttempts(sc));
  }

  /**
   * As {@link #over(SparkGradientSource, JavaSparkContext, Network, ShardRdd, int)}, with at
   * most {@code attempts} (≥ 1) stages for each run of batches.
   */
  public static BarrierUpdates over(SparkGradientSource source, JavaSparkContext sc,
      Network network, ShardRdd packed, int treeDepth, int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("BarrierUpdates: attempts is " + attempts
          + "; it must be at least 1");
    }
    int partitions = packed.rdd().getNumPartitions();
    int slots = slots(sc);
    if (partitions > slots) {
      throw new BarrierSlotsException(partitions, slots);
    }
    // The executors reach the driver at spark.driver.host; it listens on its bind address.
    String host = sc.getConf().get("spark.driver.host");
    String bind = sc.getConf().get("spark.driver.bindAddress", host);
    try {
      SumHub hub = new SumHub(InetAddress.getByName(bind), partitions, treeDepth);
      return new BarrierUpdates(source, sc, network, packed, hub, host, attempts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + " for the barrier stages", e);
    }
  }

  /** The task slots of the cluster now: how many tasks of one stage can run at once. */
  public static int slots(JavaSparkContext sc) {
    return sc.sc().maxNumConcurrentTasks(
        sc.sc().resourceProfileManager().defaultResourceProfile());
  }

  /**
   * The stages Spark allows one task of a job: its scheduler's {@code maxTaskFailures}
   * ({@code spark.task.maxFailures} on a cluster, 1 in {@code local[N]}, F in
   * {@code local[N,F]}).
   */
  static int maxAttempts(JavaSparkContext sc) {
    if (sc.sc().taskScheduler() instanceof TaskSchedulerImpl scheduler) {
      return Math.max(1, scheduler.maxTaskFailures());
    }
    return Math.max(1, sc.getConf().getInt("spark.task.maxFailures", 4));
  }

  /** The driver's sum hub of these stages. */
  SumHub hub() {
    return hub;
  }

  /**
   * Ends a stage at the first epoch end after it has run for {@code seconds} (≥ 0; 0: every
   * stage ends at its first epoch end, one stage per epoch); {@link #DEFAULT_STAGE_SECONDS}
   * unless set. Returns this.
   */
  public BarrierUpdates stageSeconds(double seconds) {
    if (!(seconds >= 0) || seconds > 86_400) {
      throw new IllegalArgumentException("BarrierUpdates: stage seconds is " + seconds
          + "; it must be between 0 and 86400");
    }
    this.stageNanos = (long) (seconds * 1e9);
    return this;
  }

  /** The barrier stages submitted since this was made (reruns included). */
  public int stages() {
    return stages;
  }

  /** The stages that failed and were run again, since this was made. */
  public int reruns() {
    return reruns;
  }

  @Override
  public UpdateChunk updates(float[] theta, OptimizerState state, int epoch, int from,
      int iterations, int epochs, long maxUpdates, UpdateStep step) {
    SumHub.Span span = new SumHub.Span(from, iterations, epochs, stageNanos);
    for (int attempt = 1; ; attempt++) {
      long token = hub.begin(span);
      try {
        UpdateChunk chunk = stage(token, theta, state, epoch, span, maxUpdates, step);
        record();
        return chunk.withEpochEnds(hub.epochEnds());
      } catch (Exception e) {
        if (!(e instanceof SparkException) || !retryable((SparkException) e)) {
          throw e;
        }
        if (attempt >= attempts) {
          throw new BarrierRunFailedException(epoch, from, iterations, epochs, attempt, e);
        }
        LOG.warning(String.format(Locale.ROOT, "sparkprop: the barrier stage for %s failed"
            + " after %d of its batches (%s); running it again from its start, stage %d of at"
            + " most %d", BarrierRunFailedException.describe(epoch, from, iterations, epochs),
            hub.served(), e.getMessage(), attempt + 1, attempts));
        reruns++;
      } finally {
        hub.retire(token);
      }
      awaitSlots();
    }
  }

  /** One barrier stage for the run, its tasks proving themselves with {@code token}. */
  private UpdateChunk stage(long token, float[] theta, OptimizerState state, int epoch,
      SumHub.Span span, long maxUpdates, UpdateStep step) {
    BarrierUpdateTask task = new BarrierUpdateTask(network, plan, hubHost, hub.port(),
        token, theta, state, epoch, span.from(), span.iterations(), span.epochs(), maxUpdates,
        step);
    String epochs = span.epochs() == 1 ? "epoch " + (epoch + 1)
        : "epochs " + (epoch + 1) + "-" + (epoch + span.epochs()) + " (at most)";
    sc.setJobDescription(ProgressNote.describe(String.format(Locale.ROOT,
        "%s, from iteration %d of %d (barrier)", epochs, span.from() + 1, span.iterations()),
        source.progressNote()));
    stages++;
    RDD<UpdateChunk> stage = placed().barrier().mapPartitions(task, false, CHUNK);
    List<UpdateChunk> out = JavaRDD.fromRDD(stage, CHUNK).collect();
    if (out.size() != 1) {
      throw new IllegalStateException("a barrier stage returned " + out.size()
          + " outcomes; partition 0 returns the only one");
    }
    return out.get(0);
  }

  /**
   * The shards, each partition placed by {@link ShardPlacement} on a cluster (where the block
   * manager says the shards are cached now, so a stage after a lost executor places the
   * recomputed shards); as they are in local mode, whose one executor holds them all.
   */
  private RDD<Shard> placed() {
    if (sc.sc().isLocal()) {
      return shards.rdd();
    }
    BlockManagerMaster master = SparkEnv.get().blockManager().master();
    // The executors the scheduler runs tasks on now, with their hosts from their block managers
    // (the driver's, and any that hold blocks without running tasks, left out).
    Set<String> live = new HashSet<>(
        CollectionConverters.asJava(sc.sc().getExecutorIds()));
    Map<String, String> executors = new TreeMap<>();
    for (BlockManagerId id : CollectionConverters.asJava(master.getMemoryStatus()).keySet()) {
      if (!id.isDriver() && live.contains(id.executorId())) {
        executors.put(id.executorId(), id.host());
      }
    }
    int partitions = shards.getNumPartitions();
    ShardPlacement placement = new ShardPlacement(executors,
        Math.max(1, executors.isEmpty() ? 1 : slots(sc) / executors.size()));
    BlockId[] blocks = new BlockId[partitions];
    for (int p = 0; p < partitions; p++) {
      blocks[p] = new RDDBlockId(shards.id(), p);
    }
    List<List<String>> cached = new ArrayList<>(partitions);
    for (scala.collection.Seq<BlockManagerId> ids
        : CollectionConverters.asJava(master.getLocations(blocks))) {
      List<String> holders = new ArrayList<>();
      for (BlockManagerId id : CollectionConverters.asJava(ids)) {
        holders.add(id.executorId());
      }
      cached.add(holders);
    }
    String[] placed = placement.place(cached);
    List<List<String>> places = new ArrayList<>(partitions);
    for (String executor : placed) {
      places.add(placement.location(executor));
    }
    return new PlacedRdd<>(shards.rdd(), places, SHARD);
  }

  /** Adds the updates of the stage that just ended to the source's cost log, if any. */
  private void record() {
    UpdateCostLog costs = source.costLog();
    if (costs != null) {
      for (SumHub.Timing t : hub.timings()) {
        costs.add(UpdateCost.barrier(costs.next(), t));
      }
    }
  }

  /** Whether a failed stage may run again: not when its job was cancelled or Spark stopped. */
  private boolean retryable(SparkException e) {
    return !CANCELLED.equals(e.getCondition()) && !sc.sc().isStopped()
        && !Thread.currentThread().isInterrupted();
  }

  /**
   * Waits (at most {@link #SLOT_WAIT_MILLIS}) until the cluster again has a task slot for every
   * partition, as when a lost executor's worker has started its replacement: a barrier stage
   * submitted before waits for Spark's own slot check, which retries only every 15 s. After
   * the wait the stage is submitted anyway and Spark's check decides.
   */
  private void awaitSlots() {
    int partitions = shards.getNumPartitions();
    long deadline = System.nanoTime() + SLOT_WAIT_MILLIS * 1_000_000L;
    while (slots(sc) < partitions && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public int rows() {
    return source.rows();
  }

  @Override
  public BatchPlan plan() {
    return plan;
  }

  @Override
  public boolean classifies() {
    return source.classifies();
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    return source.gradient(theta, epoch, iteration);
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    return source.evaluate(theta);
  }

  @Override
  public void easyFirst(float[] theta) {
    source.easyFirst(theta);
  }

  /** Stops the driver's hub (the wrapped source is closed by its owner). */
  @Override
  public void close() {
    hub.close();
  }
}
