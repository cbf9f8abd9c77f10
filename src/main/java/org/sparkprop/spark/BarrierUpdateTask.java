package org.sparkprop.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.UpdateChunk;
import org.sparkprop.train.UpdateRecord;
import org.sparkprop.train.UpdateStep;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One task of a barrier stage that runs batches from batch {@code from} of an epoch on, at most
 * to the end of the run's last epoch, moving to the next epoch's order at each epoch's end. Every
 * task starts from the same Θ and optimizer state and, for each batch, adds its shards' share as
 * {@link GradientTask} does, sends it to the driver's {@link SumHub} and gets back the sum of all
 * partitions (in partition order and the tree shape of the configured depth), and applies the
 * same {@link UpdateStep}: every task makes the same updates, bit for bit. Partition 0 returns
 * the outcome. A pure function of its inputs, so a retried stage computes the same. A task in
 * the driver's JVM (local mode) passes the sums by reference ({@link LocalSums}), one in an
 * executor as bytes through its socket.
 *
 * <p>At the end of an epoch that the run may go on past, the hub sends, after the total, whether
 * to go on ({@link SumHub}: it ends a stage that has run long enough there, so the training loop
 * hears of its epochs); partition 0 then keeps Θ at that epoch's end for the driver.
 */
final class BarrierUpdateTask extends AbstractFunction1<Iterator<Shard>, Iterator<UpdateChunk>>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final BatchPlan plan;
  private final String hubHost;
  private final int hubPort;
  private final long hubToken;
  private final BulkFloats theta;
  private final List<float[]> optimizerArrays;
  private final long optimizerStep;
  private final int epoch;
  private final int from;
  private final int iterations;
  private final int epochs;
  private final long maxUpdates;
  private final UpdateStep step;

  BarrierUpdateTask(Network network, BatchPlan plan, String hubHost, int hubPort, long hubToken,
      float[] theta, OptimizerState state, int epoch, int from, int iterations, int epochs,
      long maxUpdates, UpdateStep step) {
    this.network = network;
    this.plan = plan;
    this.hubHost = hubHost;
    this.hubPort = hubPort;
    this.hubToken = hubToken;
    this.theta = new BulkFloats(theta.clone());
    List<float[]> arrays = new ArrayList<>();
    for (float[] a : state.arrays()) {
      arrays.add(a.clone());
    }
    this.optimizerArrays = arrays;
    this.optimizerStep = state.step();
    this.epoch = epoch;
    this.from = from;
    this.iterations = iterations;
    this.epochs = epochs;
    this.maxUpdates = maxUpdates;
    this.step = step;
  }

  @Override
  public Iterator<UpdateChunk> apply(Iterator<Shard> partition) {
    BarrierTaskContext context = BarrierTaskContext.get();
    List<Shard> shards = new ArrayList<>();
    partition.foreach(shards::add);
    try (Socket socket = new Socket(hubHost, hubPort)) {
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(
          socket.getInputStream(), 1 << 16));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          socket.getOutputStream(), 1 << 16));
      out.writeLong(hubToken);
      out.writeInt(context.stageId());
      out.writeInt(context.stageAttemptNumber());
      out.writeInt(context.partitionId());
      out.flush();
      SumHub local = SumHub.inThisJvm(hubToken);
      LocalSums box = local == null ? null
          : local.mailbox(context.stageId(), context.stageAttemptNumber());
      UpdateChunk chunk = run(shards, in, out, box, context.partitionId());
      return CollectionConverters.asScala(context.partitionId() == 0
          ? List.of(chunk).iterator() : List.<UpdateChunk>of().iterator());
    } catch (IOException e) {
      throw new UncheckedIOException("barrier task " + context.partitionId()
          + " lost the driver's sum hub at " + hubHost + ":" + hubPort, e);
    }
  }

  /** The batches: sum, exchange through the hub, step; then the check that all tasks agree. */
  private UpdateChunk run(List<Shard> shards, DataInputStream in, DataOutputStream out,
      LocalSums box, int partition) throws IOException {
    ShardWorker worker = ExecutorWorkers.forNetwork(network);
    float[] w = theta.values().clone();
    OptimizerState state = step.optimizer().init(w.length);
    UpdateStep.load(state, optimizerArrays, optimizerStep);
    float[] mean = new float[w.length];
    List<UpdateRecord> records = new ArrayList<>();
    long made = 0;
    // Two sums in turn: the hub may return this task's sum of a batch as the total (by reference,
    // in local mode) while the other tasks still step with it; they have all finished with it
    // once the next batch's total has come back, so every other batch can use it again.
    GradientSum[] sums = {new GradientSum(), new GradientSum()};
    // The compute between two totals, sent with the sum (SumHub's per-update cost): the step of
    // the last total, then this batch's share.
    long stepNanos = 0;
    // As bytes (in an executor): the frame sent and the bytes and sum received, reused batch by
    // batch (each is done with before the next batch's exchange).
    byte[] frame = null;
    byte[] received = null;
    GradientSum decoded = new GradientSum();
    List<float[]> epochThetas = new ArrayList<>();
    int e = epoch;
    int it = from;
    int lastEpoch = epoch + epochs - 1;
    for (int k = 0; it < iterations; k++) {
      GradientSum own = sums[k & 1].reset();
      long start = System.nanoTime();
      for (Shard shard : shards) {
        worker.accumulate(w, shard, plan, e, it, own);
      }
      own.taskTimes(0, stepNanos + System.nanoTime() - start);
      if (box == null) {
        frame = SumBytes.frame(own, frame);
        SumBytes.send(out, frame);
      } else {
        box.send(partition, own);
        out.writeInt(SumBytes.BY_REFERENCE);
        out.flush();
      }
      int length = in.readInt();
      if (length < 0 && length != SumBytes.BY_REFERENCE) {
        break; // a stop was requested: this batch is not taken
      }
      GradientSum total;
      if (length == SumBytes.BY_REFERENCE) {
        total = box.total();
      } else {
        received = SumBytes.body(in, length, received);
        total = SumBytes.decode(received, length, decoded);
      }
      boolean epochEnd = it == iterations - 1;
      // The hub's word at an epoch end the run may go past: go on into the next epoch or not.
      boolean goOn = epochEnd && e < lastEpoch && in.readBoolean();
      long stepStart = System.nanoTime();
      UpdateRecord r = step.apply(w, state, mean, total, e, it);
      stepNanos = System.nanoTime() - stepStart;
      records.add(r);
      if (r.kind() == UpdateRecord.Kind.DIVERGED
          || r.kind() == UpdateRecord.Kind.UPDATED && ++made >= maxUpdates) {
        break;
      }
      if (epochEnd) {
        if (!goOn) {
          break;
        }
        if (partition == 0) {
          epochThetas.add(w.clone());
        }
        e++;
        it = 0;
      } else {
        it++;
      }
    }
    out.writeInt(-1);
    out.writeLong(hash(w, state));
    out.flush();
    if (!in.readBoolean()) {
      // The same arithmetic on the same bits gives the same bits; a JVM that broke this would
      // train each shard apart.
      throw new IllegalStateException("the tasks of a barrier stage ended with different"
          + " weights or optimizer state");
    }
    return new UpdateChunk(w, state.arrays(), state.step(), records, epochThetas, List.of());
  }

  private static long hash(float[] theta, OptimizerState state) {
    long hash = Arrays.hashCode(theta);
    for (float[] a : state.arrays()) {
      hash = 31 * hash + Arrays.hashCode(a);
    }
    return 31 * hash + state.step();
  }
}
