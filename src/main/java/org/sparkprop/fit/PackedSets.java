package org.sparkprop.fit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.train.Sparsity;

/**
 * A fit's data sets packed into cached shards at the same time: the validation and test sets in
 * driver threads of their own while the training set packs in the caller's, so that their Spark
 * jobs share the executors' cores (a gzipped IDX file is read by one task, which leaves the other
 * cores idle). A test set that is the validation set (the same {@link ShardInput}) is packed
 * once. Closing frees every set.
 *
 * @param train the training shards, spread by the fit's seed
 * @param validation the validation shards, spread by the same seed, or null
 * @param test the test shards in the source's order, the validation shards, or null
 */
record PackedSets(ShardRdd train, ShardRdd validation, ShardRdd test) implements AutoCloseable {

  /**
   * Packs the sets; the training and validation shards are checkpointed into
   * {@code rddDirectory} when it is not null. On a failure, waits for the other sets to be packed
   * and frees them before it throws.
   */
  static PackedSets pack(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
      int partitions, StorageLevel level, long seed, String rddDirectory) {
    return pack(train, validation, test, partitions, level, seed, rddDirectory, Sparsity.DENSE);
  }

  /** As above, each set's inputs held as {@code sparsity} says (chosen per set for auto). */
  static PackedSets pack(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
      int partitions, StorageLevel level, long seed, String rddDirectory, Sparsity sparsity) {
    CompletableFuture<ShardRdd> held = validation == null ? null
        : start(() -> ShardRdd.fromInput(validation, partitions, level, seed, rddDirectory,
            sparsity));
    CompletableFuture<ShardRdd> tested = test == null || test == validation ? null
        : start(() -> ShardRdd.fromInput(test, partitions, level, null, null, sparsity));
    ShardRdd trained = null;
    try {
      trained = ShardRdd.fromInput(train, partitions, level, seed, rddDirectory, sparsity);
      ShardRdd v = join(held);
      ShardRdd t = test == null ? null : test == validation ? v : join(tested);
      return new PackedSets(trained, v, t);
    } catch (Throwable e) { // SparkException is checked, but Scala throws it undeclared
      if (trained != null) {
        trained.close();
      }
      closeWhenDone(held);
      closeWhenDone(tested);
      throw e;
    }
  }

  private static CompletableFuture<ShardRdd> start(Supplier<ShardRdd> packing) {
    return CompletableFuture.supplyAsync(packing, task -> {
      Thread thread = new Thread(task, "sparkprop packing");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** The shards, or the packing's own exception (a checked one stays wrapped). */
  private static ShardRdd join(CompletableFuture<ShardRdd> packing) {
    if (packing == null) {
      return null;
    }
    try {
      return packing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  private static void closeWhenDone(CompletableFuture<ShardRdd> packing) {
    if (packing == null) {
      return;
    }
    try {
      packing.join().close();
    } catch (RuntimeException ignored) {
      // that set failed too; the first failure is the one reported
    }
  }

  @Override
  public void close() {
    train.close();
    if (validation != null) {
      validation.close();
    }
    if (test != null && test != validation) {
      test.close();
    }
  }
}
