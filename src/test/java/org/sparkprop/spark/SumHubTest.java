package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    s.taskTimes(0, compute(partition, batch));
    return s;
  }

  /** The compute time partition {@code partition} reports with its sum of {@code batch}. */
  private static long compute(int partition, int batch) {
    return 1_000_000L * (1 + (partition + batch) % PARTITIONS) + batch;
  }

  /** The reference: GatheredSums over fresh copies (it adds into its first part). */
  private static float[] expected(int batch, int depth) {
    GradientSum[] parts = new GradientSum[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      parts[p] = sum(p, batch);
    }
    return GatheredSums.sum(parts, depth).gradient();
  }

  /** What a task of stage 7, attempt 0, sends the hub first: the run's token and who it is. */
  private static void handshake(DataOutputStream out, SumHub hub, int partition)
      throws IOException {
    out.writeLong(hub.token());
    out.writeInt(7);
    out.writeInt(0);
    out.writeInt(partition);
    out.flush();
  }

  /** One task: sends its sums (by reference when {@code byReference}), returns the totals. */
  private static List<float[]> task(SumHub hub, int partition, boolean byReference, long hash)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      handshake(out, hub, partition);
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
      hub.timeUpdates(true);
      hub.begin();
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
      // Every batch timed, with the longest compute the tasks sent (as bytes or by reference).
      List<SumHub.Timing> timings = hub.timings();
      assertEquals(BATCHES, timings.size());
      for (int b = 0; b < BATCHES; b++) {
        SumHub.Timing t = timings.get(b);
        long longest = 0;
        for (int p = 0; p < PARTITIONS; p++) {
          longest = Math.max(longest, compute(p, b));
        }
        assertEquals(longest, t.compute(), "batch " + b);
        assertTrue(t.gather() >= 0 && t.add() >= 0 && t.send() >= 0, t.toString());
        assertEquals(t.wall(), t.gather() + t.add() + t.send(), t.toString());
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
      long first = hub.begin();
      assertNotNull(SumHub.inThisJvm(first));
      assertNull(SumHub.inThisJvm(first + 1));
      long second = hub.begin();
      assertNotEquals(first, second, "each run has its own token");
      assertNull(SumHub.inThisJvm(first), "a retired run's token finds no hub");
      assertSame(hub, SumHub.inThisJvm(second));
    }
  }

  /** Connects as {@code partition} of stage {@code stage} with {@code token}. */
  private static Socket connect(SumHub hub, long token, int stage, int partition)
      throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port());
    socket.setSoTimeout(20_000);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeLong(token);
    out.writeInt(stage);
    out.writeInt(0);
    out.writeInt(partition);
    out.flush();
    return socket;
  }

  /**
   * A task that dies in the middle of a run (its socket closes before its sum, as when its
   * executor is killed) ends the run for the others instead of leaving them waiting; the task
   * still waiting in a run the driver retires gets an end of stream; and the next run, with a
   * fresh token, is served while a connection with the old token is turned away.
   */
  @Test
  void aRunWhoseTaskDiesOrThatIsRetiredLeavesNoOneWaiting() throws Exception {
    try (SumHub hub = new SumHub(InetAddress.getLoopbackAddress(), 2, 2)) {
      long first = hub.begin();
      try (Socket alive = connect(hub, first, 3, 0); Socket dying = connect(hub, first, 3, 1)) {
        dying.close();
        DataOutputStream out = new DataOutputStream(alive.getOutputStream());
        SumBytes.write(out, SumBytes.encode(sum(0, 0)));
        assertThrows(EOFException.class,
            () -> new DataInputStream(alive.getInputStream()).readInt(),
            "the other task's link is closed when the run breaks off");
      }
      // A run retired by the driver while a task waits for the total of a batch.
      try (Socket waiting = connect(hub, first, 4, 0); Socket silent = connect(hub, first, 4, 1)) {
        SumBytes.write(new DataOutputStream(waiting.getOutputStream()),
            SumBytes.encode(sum(0, 0)));
        Thread.sleep(200);
        hub.retire(first);
        assertThrows(EOFException.class,
            () -> new DataInputStream(waiting.getInputStream()).readInt());
      }
      long second = hub.begin();
      try (Socket stale = connect(hub, first, 5, 0)) {
        assertThrows(EOFException.class,
            () -> new DataInputStream(stale.getInputStream()).readInt(),
            "a connection with a retired token is closed");
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Long>> counts = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
          int partition = p;
          counts.add(pool.submit(() -> {
            try (Socket s = connect(hub, second, 6, partition)) {
              SumBytes.write(new DataOutputStream(s.getOutputStream()),
                  SumBytes.encode(sum(partition, 0)));
              DataInputStream in = new DataInputStream(s.getInputStream());
              return SumBytes.decode(SumBytes.body(in, in.readInt())).count();
            }
          }));
        }
        for (Future<Long> count : counts) {
          assertEquals(21L, count.get(30, TimeUnit.SECONDS), "the new run is served");
        }
        assertEquals(1, hub.served());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * A stage's length bound counts from the moment its tasks have all reached the hub, not from
   * the run's start: tasks that arrive 3 s after it (a slow launch) still go on past the first
   * epoch end under a bound of 2 s.
   */
  @Test
  void theStageBoundCountsFromTheTasksArrival() throws Exception {
    try (SumHub hub = new SumHub(InetAddress.getLoopbackAddress(), 1, 2)) {
      hub.begin(new SumHub.Span(0, 1, 2, TimeUnit.SECONDS.toNanos(2)));
      Thread.sleep(3000);
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        handshake(out, hub, 0);
        SumBytes.write(out, SumBytes.encode(sum(0, 0)));
        SumBytes.body(in, in.readInt());
        assertTrue(in.readBoolean(), "go on into the second epoch");
        SumBytes.write(out, SumBytes.encode(sum(0, 1)));
        SumBytes.body(in, in.readInt());
        out.writeInt(-1);
        out.writeLong(42L);
        out.flush();
        assertTrue(in.readBoolean(), "the hashes agree");
      }
      assertEquals(2, hub.epochEnds().size(), "both epochs ended within the stage");
    }
  }
}
