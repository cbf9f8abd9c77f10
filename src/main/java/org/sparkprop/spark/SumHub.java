package org.sparkprop.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.StopSignal;

/**
 * The driver's end of a barrier stage's exchange: every task of the stage connects (proving it
 * knows the hub's token), and for every batch sends its shards' {@link GradientSum}; the hub adds
 * the P sums in partition order and the tree shape of the configured depth
 * ({@link GatheredSums}) and sends the total back to every task. At the end of a run each task
 * sends a hash of its Θ and optimizer state, and the hub tells every task whether they all agree.
 * When a stop is requested ({@link StopSignal}) the hub tells the tasks to end the run before
 * the next batch, so the training loop stops there as it does between two Spark jobs.
 *
 * <p>A run may reach over several epochs ({@link Span}). At the end of every epoch but the
 * run's last, the hub sends, after the total, whether the tasks go on into the next epoch: not
 * once the stage has run for the span's time bound (or a stop is requested), so that a run of
 * many short epochs still returns to the driver every so often and the training loop hears of
 * its epochs. Where a stage ends changes no update: the next one goes on from there. The hub
 * notes when each epoch's last total was ready ({@link #epochEnds}).
 *
 * <p>A socket per task, not {@code BarrierTaskContext.allGather}: allGather waits for its reply
 * in steps of one second, which made every update cost up to a second.
 *
 * <p>The hub serves one run (one barrier stage) at a time, and each run has its own random token
 * ({@link #begin}): a task proves it belongs to the current run by sending that token, and one
 * of an earlier run is turned away. When a stage fails (an executor lost, a task failed) the
 * driver retires its run ({@link #retire}): the hub closes the run's sockets, so a task still
 * waiting for a total gets an end of stream instead of waiting for ever, and the hub's thread,
 * waiting for a sum that will never come, is free for the next run.
 *
 * <p>Tasks that run in the driver's JVM (local mode) find the hub by its token
 * ({@link #inThisJvm}) and hand their sums over by reference ({@link LocalSums}); the sockets
 * then carry only the markers, so no sum is encoded, copied through the kernel or decoded.
 *
 * <p>When asked to ({@link #timeUpdates}), the hub times every update of the current run
 * ({@link Timing}): its wall time, from the last total being ready to send (or from the run's
 * start, for its first update) to this one being ready, and the longest task's compute within
 * it, which every task sends with its sum.
 */
final class SumHub implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SumHub.class.getName());

  /** How long a connecting task may take to say who it is. */
  private static final int HANDSHAKE_MILLIS = 30_000;

  /** The hubs open in this JVM, by token. */
  private static final Map<Long, SumHub> IN_JVM = new ConcurrentHashMap<>();

  private final ServerSocket server;
  private final int partitions;
  private final int depth;
  private final SecureRandom random = new SecureRandom();
  private final Thread thread;
  private final Map<Long, LocalSums> mailboxes = new ConcurrentHashMap<>();
  /** The links of the current run, closed when it is retired. */
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  /** The current run's token, or {@link #NONE}. */
  private volatile long token = NONE;
  /** Batches the current run has served. */
  private final AtomicInteger served = new AtomicInteger();
  private volatile boolean closed;
  /** Whether to time the updates ({@link #timings}). */
  private volatile boolean timed;
  /** When the current run began (its stage was about to be submitted). */
  private volatile long runStart;
  /** The current run's updates, timed when {@link #timed}. */
  private final List<Timing> timings = new CopyOnWriteArrayList<>();
  /** The current run's batches. */
  private volatile Span span = Span.ONE_EPOCH;
  /** When each epoch end of the current run was reached (its last total ready), in order. */
  private final List<Long> epochEnds = new CopyOnWriteArrayList<>();

  /**
   * One update of a run as the hub saw it, in nanoseconds: {@code wall} from the last total
   * being ready to send (the run's start, for its first update) to this update's total being
   * ready; {@code compute} the longest task's compute within it (the step of the last total,
   * then its share of this batch), as the tasks timed it. The wall time is {@code send} (the
   * last total's encoding and sending to every task; 0 for a run's first update) +
   * {@code gather} (from then until every sum had come in and been decoded) + {@code add} (the
   * addition of the sums).
   */
  record Timing(long wall, long compute, long send, long gather, long add) {}

  /**
   * The batches of a run: from batch {@code from} of its first epoch on, {@code iterations} per
   * epoch, into at most {@code epochs} epochs; at an epoch's end the tasks go on into the next
   * only while the stage has run for less than {@code maxNanos} (from the moment every task has
   * reached the hub).
   */
  record Span(int from, int iterations, int epochs, long maxNanos) {

    /** A run within one epoch: no epoch end to go past. */
    static final Span ONE_EPOCH = new Span(0, Integer.MAX_VALUE, 1, 0);

    Span {
      if (from < 0 || iterations < 1 || from >= iterations || epochs < 1 || maxNanos < 0) {
        throw new IllegalArgumentException("SumHub.Span: from " + from + ", iterations "
            + iterations + ", epochs " + epochs + ", maxNanos " + maxNanos + "; it needs 0 <="
            + " from < iterations, epochs >= 1 and maxNanos >= 0");
      }
    }
  }

  /** No run: a token no task is given. */
  private static final long NONE = 0;

  /** One task's connection. */
  private final class Link {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    Link(Socket socket, DataInputStream in, DataOutputStream out) {
      this.socket = socket;
      this.in = in;
      this.out = out;
    }

    DataInputStream in() {
      return in;
    }

    DataOutputStream out() {
      return out;
    }

    void close() {
      links.remove(this);
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /**
   * Listens on {@code bind} (an ephemeral port) for the tasks of stages over {@code partitions}
   * partitions, adding their sums with a tree of depth {@code depth}.
   */
  SumHub(InetAddress bind, int partitions, int depth) throws IOException {
    this.server = new ServerSocket(0, 4 * partitions + 16, bind);
    this.partitions = partitions;
    this.depth = depth;
    this.thread = new Thread(this::serve, "sparkprop-sum-hub");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a run within one epoch: {@link #begin(Span)} with {@link Span#ONE_EPOCH}. */
  long begin() {
    return begin(Span.ONE_EPOCH);
  }

  /**
   * Starts a run of the batches {@code runSpan}: a fresh token for its tasks, which retires the
   * previous run (closing its links). Returns the token.
   */
  synchronized long begin(Span runSpan) {
    retire(token);
    long t;
    do {
      t = random.nextLong();
    } while (t == NONE);
    served.set(0);
    timings.clear();
    epochEnds.clear();
    span = runSpan;
    runStart = System.nanoTime();
    token = t;
    IN_JVM.put(t, this);
    return t;
  }

  /**
   * Ends the run of {@code runToken} if it is the current one: later connections with its token
   * are turned away and its links are closed, so its tasks and the hub's thread stop waiting
   * for each other. Nothing happens for a token already retired.
   */
  synchronized void retire(long runToken) {
    if (runToken == NONE || runToken != token) {
      return;
    }
    token = NONE;
    IN_JVM.remove(runToken, this);
    closeLinks();
    mailboxes.clear();
  }

  /** Times every update from the next run on ({@link #timings}), or stops timing. */
  void timeUpdates(boolean on) {
    timed = on;
  }

  /** The updates of the current (or last) run, in order, if timed; else none. */
  List<Timing> timings() {
    return List.copyOf(timings);
  }

  /**
   * When each epoch end that the current (or last) run reached was reached (the epoch's last
   * total ready), as {@link System#nanoTime}, in order.
   */
  List<Long> epochEnds() {
    return List.copyOf(epochEnds);
  }

  /** The batches the current (or last) run has served. */
  int served() {
    return served.get();
  }

  private void closeLinks() {
    for (Link l : links) {
      l.close();
    }
    links.clear();
  }

  /** The open hub of this JVM with {@code token}, or null (the task runs in an executor). */
  static SumHub inThisJvm(long token) {
    return IN_JVM.get(token);
  }

  /** Where the tasks of attempt {@code attempt} of stage {@code stage} leave their sums. */
  LocalSums mailbox(int stage, int attempt) {
    return mailboxes.computeIfAbsent(key(stage, attempt), k -> new LocalSums(partitions));
  }

  private static long key(int stage, int attempt) {
    return ((long) stage << 32) | attempt;
  }

  int port() {
    return server.getLocalPort();
  }

  long token() {
    return token;
  }

  private void serve() {
    Map<Long, Link[]> runs = new HashMap<>();
    long runToken = NONE;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "sparkprop: the sum hub stopped accepting", e);
        }
        break;
      }
      Link link = null;
      try {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(HANDSHAKE_MILLIS);
        link = new Link(socket, new DataInputStream(new BufferedInputStream(
            socket.getInputStream(), 1 << 16)), new DataOutputStream(new BufferedOutputStream(
            socket.getOutputStream(), 1 << 16)));
        long t = link.in().readLong();
        int stage = link.in().readInt();
        int attempt = link.in().readInt();
        int partition = link.in().readInt();
        if (t == NONE || t != token || partition < 0 || partition >= partitions) {
          link.close();
          continue;
        }
        socket.setSoTimeout(0);
        links.add(link);
        if (t != token) {
          // retired while this task said who it was
          link.close();
          continue;
        }
        if (t != runToken) {
          // a new run: the links of the last one's unfinished attempts are of no use
          runs.values().forEach(SumHub::close);
          runs.clear();
          runToken = t;
        }
        long key = key(stage, attempt);
        Link[] run = runs.computeIfAbsent(key, k -> new Link[partitions]);
        if (run[partition] != null) {
          run[partition].close();
        }
        run[partition] = link;
        if (complete(run)) {
          runs.remove(key);
          dropOlder(runs, key);
          mailboxes.keySet().removeIf(k -> k < key);
          serve(run, mailbox(stage, attempt));
          mailboxes.remove(key);
        }
      } catch (IOException e) {
        if (link != null) {
          link.close();
        } else {
          try {
            socket.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
    }
    runs.values().forEach(SumHub::close);
  }

  private static boolean complete(Link[] run) {
    for (Link l : run) {
      if (l == null) {
        return false;
      }
    }
    return true;
  }

  /** Closes the links of runs (stage attempts) before {@code key}: their tasks are gone. */
  private static void dropOlder(Map<Long, Link[]> runs, long key) {
    for (Iterator<Map.Entry<Long, Link[]>> i = runs.entrySet().iterator(); i.hasNext(); ) {
      Map.Entry<Long, Link[]> e = i.next();
      if (e.getKey() < key) {
        close(e.getValue());
        i.remove();
      }
    }
  }

  private static void close(Link[] run) {
    for (Link l : run) {
      if (l != null) {
        l.close();
      }
    }
  }

  /** Serves one stage attempt's batches until its tasks end the run (or a link breaks). */
  private void serve(Link[] run, LocalSums box) {
    try {
      GradientSum[] parts = new GradientSum[partitions];
      boolean[] byReference = new boolean[partitions];
      // Sums that come as bytes are read and decoded into arrays reused batch by batch; the
      // decoded sums in two sets, one per batch parity: the total may hold the first part's
      // array, and a task in this JVM may still step with it while the next batch's sums come
      // in, but every task is done with the total of two batches back.
      byte[][] bodies = new byte[partitions][];
      GradientSum[][] decoded = new GradientSum[2][partitions];
      byte[] frame = null;
      int batch = 0;
      // An update's interval runs from the last total being ready (the run's start, for the
      // first) to this one being ready: every task's compute for it lies within, since a task
      // steps once it has the last total and has sent its sum before this one is added.
      long ready = runStart;
      long sent = runStart;
      // The stage's length bound counts from here, every task connected: not the launch, which
      // waits for executors (and their class loading) and would end a slow-launched stage early.
      long running = System.nanoTime();
      long sending = 0;
      // A run retired while this one was being served (a failed stage) adds no timings to the
      // next run's.
      long servedToken = token;
      Span runSpan = span;
      int it = runSpan.from();
      int epoch = 0;
      while (true) {
        int ended = 0;
        for (int p = 0; p < partitions; p++) {
          int length = run[p].in().readInt();
          byReference[p] = length == SumBytes.BY_REFERENCE;
          if (byReference[p]) {
            parts[p] = box.take(p);
          } else if (length < 0) {
            ended++;
          } else {
            bodies[p] = SumBytes.body(run[p].in(), length, bodies[p]);
            GradientSum into = decoded[batch & 1][p];
            if (into == null) {
              into = decoded[batch & 1][p] = new GradientSum();
            }
            parts[p] = SumBytes.decode(bodies[p], length, into);
          }
        }
        if (ended == partitions) {
          agree(run);
          return;
        }
        if (ended > 0) {
          throw new IOException(ended + " of " + partitions + " tasks ended the run early");
        }
        if (StopSignal.requested()) {
          // The tasks end the run before this batch; the loop then stops as it would at it.
          for (Link l : run) {
            l.out().writeInt(SumBytes.STOP);
            l.out().flush();
          }
          continue;
        }
        long received = System.nanoTime();
        GradientSum total = GatheredSums.sum(parts, depth);
        long added = System.nanoTime();
        box.publish(total);
        served.incrementAndGet();
        boolean epochEnd = it == runSpan.iterations() - 1;
        // At an epoch end the run may go past: whether the tasks go on into the next epoch.
        boolean ask = epochEnd && epoch < runSpan.epochs() - 1;
        boolean goOn = ask && added - running < runSpan.maxNanos() && !StopSignal.requested();
        boolean framed = false;
        for (int p = 0; p < partitions; p++) {
          if (byReference[p]) {
            run[p].out().writeInt(SumBytes.BY_REFERENCE);
          } else {
            if (!framed) {
              frame = SumBytes.frame(total, frame);
              framed = true;
            }
            run[p].out().write(frame);
          }
          if (ask) {
            run[p].out().writeBoolean(goOn);
          }
          run[p].out().flush();
        }
        if (epochEnd && token == servedToken) {
          epochEnds.add(added);
        }
        if (epochEnd) {
          epoch++;
          it = 0;
        } else {
          it++;
        }
        batch++;
        if (timed && token == servedToken) {
          // merge keeps the longest compute of the parts
          timings.add(new Timing(added - ready, total.computeNanos(), sending, received - sent,
              added - received));
        }
        ready = added;
        sent = System.nanoTime();
        sending = sent - added;
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "sparkprop: a barrier stage's run broke off", e);
    } finally {
      close(run);
    }
  }

  /** Reads every task's state hash and tells each whether all are the same. */
  private void agree(Link[] run) throws IOException {
    long first = 0;
    boolean same = true;
    for (int p = 0; p < partitions; p++) {
      long hash = run[p].in().readLong();
      if (p == 0) {
        first = hash;
      } else {
        same &= hash == first;
      }
    }
    for (Link l : run) {
      l.out().writeBoolean(same);
      l.out().flush();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    retire(token);
    mailboxes.clear();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
