package org.sparkprop.train;

import java.util.List;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.settings.SettingException;

/**
 * Local SGD ({@code sync=local:K}): the epochs of {@link Trainer} in rounds of K updates. In a
 * round every shard starts from the same Θ and optimizer state and takes K steps of
 * {@link LocalSteps} on its own share of each of the round's mini-batches; the driver then sets
 * Θ and the optimizer's arrays to the tasks' mean weighted by the rows each saw
 * ({@link RoundAverage}). One Spark job per round instead of one per update; a different
 * algorithm from the synchronous one (the same one for plain gradient descent with K = 1), so
 * opt-in.
 *
 * <p>A round never crosses an epoch's end (an epoch's last round may be shorter), so validation,
 * early stopping, tol and the epoch checkpoints see the same epochs as {@link Trainer}. Within an
 * epoch checkpoints are written and stop requests honoured between rounds. A round whose loss or
 * gradient is not finite on any shard ends training as diverged, with Θ as the round began. The
 * epoch's training loss and accuracy are those of the tasks' batches, each at its own task's
 * weights. Not for curriculum, batch norm, mode batch or L-BFGS ({@link #requireSupported}).
 */
public final class LocalSgdTrainer {

  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final TrainingListener listener;
  private final int k;
  private Checkpointer checkpointer;
  private TrainingState resumeFrom;

  /** @param k updates per round (≥ 1) */
  public LocalSgdTrainer(Optimizer optimizer, TrainingConfig config, TrainingListener listener,
      int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + "; it must be at least 1");
    }
    if (config.curriculumEpochs() > 0) {
      throw new IllegalArgumentException("curriculumEpochs is " + config.curriculumEpochs()
          + "; local SGD needs 0 (each shard's order would depend on Θ at the epoch's start)");
    }
    this.optimizer = optimizer;
    this.config = config;
    this.listener = listener;
    this.k = k;
  }

  /**
   * Refuses a job that local SGD cannot train, naming the settings: optimizer lbfgs (its line
   * search needs the full-batch loss at one Θ), mode batch (one update per epoch: nothing to take
   * locally), curriculum (each shard's order depends on Θ at the epoch's start) and batchNorm
   * (the driver blends the running statistics batch by batch).
   *
   * @param value the sync setting as given, for the message
   */
  public static void requireSupported(JobConfig job, String value) {
    String allowed = null;
    if (job.lbfgs() != null) {
      allowed = "step or barrier with optimizer lbfgs, whose line search needs the full-batch"
          + " loss at one theta";
    } else if (job.mode() == Mode.BATCH) {
      allowed = "step or barrier with mode batch, which makes one update per epoch: nothing to"
          + " take locally";
    } else if (job.training().curriculumEpochs() > 0) {
      allowed = "step or barrier with curriculum=true, whose order of each shard depends on"
          + " theta at the epoch's start";
    } else if (usesBatchNorm(job.network())) {
      allowed = "step or barrier with batchNorm, whose running statistics the driver blends"
          + " batch by batch";
    }
    if (allowed != null) {
      throw new SettingException("sync", value, allowed);
    }
  }

  private static boolean usesBatchNorm(NetworkSpec spec) {
    for (int k = 0; k <= spec.depth(); k++) {
      if (spec.normalization(k) == Normalization.BATCH) {
        return true;
      }
    }
    return false;
  }

  /** Saves the loop's state through {@code checkpointer} at round ends when it says so. */
  public LocalSgdTrainer checkpoints(Checkpointer checkpointer) {
    this.checkpointer = checkpointer;
    return this;
  }

  /** Starts from a saved state (of this or the synchronous loop) instead of the initial Θ. */
  public LocalSgdTrainer resumeFrom(TrainingState state) {
    this.resumeFrom = state;
    return this;
  }

  /**
   * Trains from {@code initialTheta} (not modified) in rounds run by {@code rounds} over the
   * shards of {@code source} (which gives the rows, the plan and the metrics' kind);
   * {@code validation}, when not null, is evaluated after every epoch.
   */
  public TrainingResult train(GradientSource source, LocalRounds rounds, float[] initialTheta,
      Evaluator validation) {
    return new Run(source, rounds, initialTheta, validation).run();
  }

  /** One call of {@link #train}. */
  private final class Run {

    private final GradientSource source;
    private final LocalRounds rounds;
    private final EpochBookkeeping book;
    private final OptimizerState state;
    private final int iterations;
    private final LocalSteps rule;
    private float[] theta;
    private long updates;
    private int firstEpoch;
    private EpochProgress progress = EpochProgress.START;
    private int lastEpoch;
    private int lastIteration;
    private long savedAfter = -1;

    Run(GradientSource source, LocalRounds rounds, float[] initialTheta, Evaluator validation) {
      this.source = source;
      this.rounds = rounds;
      this.theta = initialTheta.clone();
      this.state = optimizer.init(theta.length);
      this.iterations = source.plan().iterations(source.rows());
      this.book = new EpochBookkeeping(config, listener, source, validation, checkpointer,
          iterations);
      this.rule = LocalSteps.of(optimizer, config, iterations);
      if (resumeFrom != null) {
        theta = Trainer.restore(resumeFrom, state);
        book.restore(resumeFrom);
        updates = resumeFrom.updates();
        firstEpoch = resumeFrom.epochs();
        progress = resumeFrom.progress();
      }
    }

    TrainingResult run() {
      for (int epoch = firstEpoch; epoch < config.epochs() && !epoch(epoch); epoch++) {
        progress = new EpochProgress(0, 0, 0, 0, 0, progress.lastFinite());
      }
      return book.finish(theta, updates, lastEpoch, lastIteration, progress.lastFinite());
    }

    /** Runs epoch {@code epoch} (0-based) from {@code progress}; whether to stop after it. */
    private boolean epoch(int epoch) {
      long epochStart = System.nanoTime();
      int it = progress.iteration();
      while (it < iterations) {
        if (StopSignal.requested()) {
          stop(epoch);
        }
        int steps = Math.min(k, iterations - it);
        long before = updates;
        if (!round(epoch, it, steps)) {
          book.recordUnfinished(epoch, progress, theta, epochStart);
          return true;
        }
        it += steps;
        listener.onProgress(epoch + 1, it, iterations);
        if (checkpointer != null && it < iterations && updates != savedAfter
            && due(before, updates)) {
          checkpointer.save(book.state(epoch, updates, theta, state, progress));
          savedAfter = updates;
        }
      }
      return book.endEpoch(epoch, progress, theta, state, updates, epochStart);
    }

    /** Whether the checkpointer asks for a save after any update count in (from, to]. */
    private boolean due(long from, long to) {
      for (long u = from + 1; u <= to; u++) {
        if (checkpointer.dueAfterUpdates(u)) {
          return true;
        }
      }
      return false;
    }

    private void stop(int epoch) {
      if (checkpointer != null) {
        checkpointer.save(book.state(epoch, updates, theta, state, progress));
      }
      throw new TrainingStoppedException(epoch, progress.iteration(), updates,
          checkpointer != null);
    }

    /** One round from iteration {@code first}; false when a shard diverged. */
    private boolean round(int epoch, int first, int steps) {
      List<LocalRound> parts = rounds.run(rule, theta, state, epoch, first, steps);
      double lossSum = 0;
      double dataLoss = 0;
      double weightSum = 0;
      long count = 0;
      long correct = 0;
      int taken = 0;
      int diverged = -1;
      for (LocalRound part : parts) {
        lossSum += part.lossSum();
        dataLoss += part.dataLoss();
        weightSum += part.weightSum();
        count += part.count();
        correct += part.correct();
        taken = Math.max(taken, part.updates());
        if (part.diverged() >= 0 && (diverged < 0 || part.diverged() < diverged)) {
          diverged = part.diverged();
        }
      }
      boolean finite = diverged < 0 && Double.isFinite(dataLoss);
      double lastFinite = finite && weightSum > 0 ? dataLoss / weightSum : progress.lastFinite();
      progress = new EpochProgress(finite ? first + steps : diverged + 1,
          progress.lossSum() + lossSum, progress.weightSum() + weightSum,
          progress.count() + count, progress.correct() + correct, lastFinite);
      if (!finite) {
        book.diverged(epoch + 1, (diverged < 0 ? first : diverged) + 1, progress.lastFinite());
        return false;
      }
      RoundAverage.into(parts, theta, state);
      updates += taken;
      lastEpoch = epoch + 1;
      lastIteration = first + steps;
      return true;
    }
  }
}
