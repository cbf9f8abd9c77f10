package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sparkprop.train.GradientSum;

/**
 * The hub adds the tasks' sums in partition order whether they come as bytes through the socket
 * or by reference from the same JVM, and every task gets the same total bits either way.
 */
class SumHubTest {

  private static final int D = 1000;
  private static final int BATCHES = 3;
  private static final int PARTITIONS = 3;

  private static GradientSum sum(int partition, int batch) {
    Random random = new Random(31L * partition + batch);
    GradientSum s = new GradientSum();
    float[] g = s.gradient(D);
    for (int i = 0; i < D; i++) {
      g[i] = (float) random.nextGaussian() * (1 + i % 7);
    }
    s.addStatistics(random.nextDouble(), 10 + partition, 10.5 + partition, partition);
    return s;
  }

  /** The reference: GatheredSums over fresh copies (it adds into its first part). */
  private static float[] expected(int batch, int depth) {
    GradientSum[] parts = new GradientSum[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      parts[p] = sum(p, batch);
    }
    return GatheredSums.sum(parts, depth).gradient();
  }

  /** One task: sends its sums (by reference when {@code byReference}), returns the totals. */
  private static List<float[]> task(SumHub hub, int partition, boolean byReference, long hash)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeLong(hub.token());
      out.writeInt(7);
      out.writeInt(0);
      out.writeInt(partition);
      out.flush();
      LocalSums box = byReference ? SumHub.inThisJvm(hub.token()).mailbox(7, 0) : null;
      List<float[]> totals = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        GradientSum own = sum(partition, b);
        if (byReference) {
          box.send(partition, own);
          out.writeInt(SumBytes.BY_REFERENCE);
          out.flush();
        } else {
          SumBytes.write(out, SumBytes.encode(own));
        }
        int length = in.readInt();
        GradientSum total = length == SumBytes.BY_REFERENCE ? box.total()
            : SumBytes.decode(SumBytes.body(in, length));
        assertEquals(33, total.count(), "batch " + b + ", partition " + partition);
        totals.add(total.gradient().clone());
      }
      out.writeInt(-1);
      out.writeLong(hash);
      out.flush();
      assertTrue(in.readBoolean(), "the hashes agree");
      return totals;
    }
  }

  private static void exchange(boolean[] byReference, int depth) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARTITIONS);
    try (SumHub hub = new SumHub(InetAddress.getLoopbackAddress(), PARTITIONS, depth)) {
      assertSame(hub, SumHub.inThisJvm(hub.token()));
      List<Future<List<float[]>>> tasks = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        int partition = p;
        tasks.add(pool.submit(() -> task(hub, partition, byReference[partition], 42L)));
      }
      for (int p = 0; p < PARTITIONS; p++) {
        List<float[]> totals = tasks.get(p).get();
        for (int b = 0; b < BATCHES; b++) {
          float[] want = expected(b, depth);
          float[] got = totals.get(b);
          int[] wantBits = new int[D];
          int[] gotBits = new int[D];
          for (int i = 0; i < D; i++) {
            wantBits[i] = Float.floatToRawIntBits(want[i]);
            gotBits[i] = Float.floatToRawIntBits(got[i]);
          }
          assertArrayEquals(wantBits, gotBits, "partition " + p + ", batch " + b);
        }
      }
      hub.close();
      assertNull(SumHub.inThisJvm(hub.token()), "a closed hub is not found");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sumsByReferenceAndAsBytesGiveTheSameTotals() throws Exception {
    exchange(new boolean[] {true, true, true}, 2);
    exchange(new boolean[] {false, false, false}, 2);
    exchange(new boolean[] {true, false, true}, 1);
    exchange(new boolean[] {false, true, false}, 2);
  }

  @Test
  void aTokenOfNoOpenHubFindsNone() throws IOException {
    try (SumHub hub = new SumHub(InetAddress.getLoopbackAddress(), 2, 2)) {
      assertNotNull(SumHub.inThisJvm(hub.token()));
      assertNull(SumHub.inThisJvm(hub.token() + 1));
    }
  }
}
