package org.sparkprop.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function0;

/**
 * A data set on its way into shards ({@link ShardRdd#fromInput}): its items, read lazily where
 * they live, how each becomes a sample ({@code writer}), and, where the source knows them (an IDX
 * header does), the number of items in each partition, which spares the packing a pass that
 * counts them.
 *
 * @param items the items, in the data set's order; they cross the shuffle to their shards as they
 *     are, so their serialized form should be compact
 * @param writer turns an item into a sample where the shard is packed
 * @param partitionRows the items of each partition of {@code items}, or null when unknown
 * @param whole where the source is read from its start to its end by one task anyway (a gzipped
 *     file): a reader of all its items in {@code items}' order, opened on an executor, or null.
 *     With the counts known, a task can then pack its own shard from the whole source, with no
 *     shuffle ({@link ShardRdd#fromInput})
 * @param <T> the items' type
 */
public record ShardInput<T>(JavaRDD<T> items, SampleWriter<T> writer, long[] partitionRows,
    Function0<Iterator<T>> whole) {

  /** Checks that the counts, when given, are one per partition and not negative; copies them. */
  public ShardInput {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(writer, "writer");
    if (partitionRows != null) {
      int parts = items.getNumPartitions();
      if (partitionRows.length != parts) {
        throw new IllegalArgumentException("partitionRows has " + partitionRows.length
            + " counts for " + parts + " partitions of " + items.name()
            + "; it needs one per partition");
      }
      for (int p = 0; p < parts; p++) {
        if (partitionRows[p] < 0) {
          throw new IllegalArgumentException("partitionRows[" + p + "] is " + partitionRows[p]
              + "; a count must be at least 0");
        }
      }
      partitionRows = partitionRows.clone();
    }
  }

  /** An input without a reader of the whole source. */
  public ShardInput(JavaRDD<T> items, SampleWriter<T> writer, long[] partitionRows) {
    this(items, writer, partitionRows, null);
  }

  /**
   * Rows of {@code inputs} inputs and {@code outputs} targets, their counts unknown; a row of
   * other sizes fails where it is packed.
   */
  public static ShardInput<?> of(JavaRDD<SampleRow> rows, int inputs, int outputs) {
    return new ShardInput<>(rows.map(ShuffledRow::new), new ShuffledRow.Writer(inputs, outputs),
        null);
  }

  /**
   * The items of {@code labeled} followed by those of {@code unlabeled}, rows without labels whose
   * targets are packed all 0 and which their shards flag ({@link
   * org.sparkprop.train.Samples#unlabeled()}, read by {@link org.sparkprop.nn.Distillation}): one
   * input, so that both kinds are spread over the same shards. Each keeps its own compact items
   * and writer; the counts are known when both sets know theirs.
   */
  public static ShardInput<Object> withUnlabeled(ShardInput<?> labeled,
      ShardInput<?> unlabeled) {
    return mixed(labeled, unlabeled);
  }

  private static <A, B> ShardInput<Object> mixed(ShardInput<A> labeled, ShardInput<B> unlabeled) {
    JavaRDD<Object> items = labeled.items().map(item -> (Object) item)
        .union(unlabeled.items().map(item -> (Object) new UnlabeledItem<>(item)))
        .setName(labeled.items().name() + " with the rows without labels of "
            + unlabeled.items().name());
    long[] counts = null;
    if (labeled.partitionRows != null && unlabeled.partitionRows != null) {
      counts = new long[labeled.partitionRows.length + unlabeled.partitionRows.length];
      System.arraycopy(labeled.partitionRows, 0, counts, 0, labeled.partitionRows.length);
      System.arraycopy(unlabeled.partitionRows, 0, counts, labeled.partitionRows.length,
          unlabeled.partitionRows.length);
    }
    return new ShardInput<>(items, new MixedWriter<>(labeled.writer(), unlabeled.writer()),
        counts);
  }

  /** The counts of each partition, or null when unknown (a copy). */
  @Override
  public long[] partitionRows() {
    return partitionRows == null ? null : partitionRows.clone();
  }

  /** The items as sample rows, lazily (for the steps that need rows, such as held-out splits). */
  public JavaRDD<SampleRow> rows() {
    SampleWriter<T> w = writer;
    return items.map(w::row);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardInput<?> s && s.items.equals(items) && s.writer.equals(writer)
        && Arrays.equals(s.partitionRows, partitionRows) && Objects.equals(s.whole, whole);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, writer, Arrays.hashCode(partitionRows), whole);
  }

  @Override
  public String toString() {
    return "ShardInput[" + items.name() + ", partitionRows=" + Arrays.toString(partitionRows)
        + "]";
  }
}
