package org.sparkprop.spark;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.sparkprop.train.GradientSum;

/**
 * The sums of one barrier stage attempt whose tasks run in the driver's JVM (local mode), handed
 * to the {@link SumHub} and back by reference instead of as bytes through its sockets: a task
 * leaves its sum here and sends only {@link SumBytes#BY_REFERENCE} down its socket; the hub takes
 * the sum, leaves the total here and answers with the same marker. The sockets still order the
 * exchange (and carry the stop, end and agreement messages); this holds only the arrays.
 */
final class LocalSums {

  private final AtomicReferenceArray<GradientSum> sent;
  private volatile GradientSum total;

  LocalSums(int partitions) {
    this.sent = new AtomicReferenceArray<>(partitions);
  }

  /** Partition {@code p}'s sum for the batch (the hub may add into its gradient). */
  void send(int p, GradientSum sum) {
    sent.set(p, sum);
  }

  /** The sum partition {@code p} left for this batch, which it announced on its socket. */
  GradientSum take(int p) throws IOException {
    GradientSum sum = sent.getAndSet(p, null);
    if (sum == null) {
      throw new IOException("partition " + p + " announced a sum by reference and left none");
    }
    return sum;
  }

  /** The batch's total, for every task to read (none writes into it). */
  void publish(GradientSum sum) {
    total = sum;
  }

  GradientSum total() {
    return total;
  }
}
