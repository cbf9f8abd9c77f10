package org.sparkprop.train;

import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;

/**
 * The backpropagation loop, on the driver and independent of where gradients come from:
 * while the convergence conditions do not hold, for every batch of the epoch, ask the source for
 * Σ_n ∇q_n(Θ), divide by the batch's sample count (q_S is a mean), add the regularization
 * gradient, clip, and let the optimizer step with the scheduled learning rate.
 */
public final class Trainer {

  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final TrainingListener listener;
  private Checkpointer checkpointer;
  private TrainingState resumeFrom;

  public Trainer(Optimizer optimizer, TrainingConfig config, TrainingListener listener) {
    this.optimizer = optimizer;
    this.config = config;
    this.listener = listener;
  }

  /** Saves the loop's state through {@code checkpointer} when it says so. */
  public Trainer checkpoints(Checkpointer checkpointer) {
    this.checkpointer = checkpointer;
    return this;
  }

  /** Starts from a saved state instead of the initial weights (epoch numbering goes on). */
  public Trainer resumeFrom(TrainingState state) {
    this.resumeFrom = state;
    return this;
  }

  /** Trains from {@code initialTheta} (not modified) without a validation set. */
  public TrainingResult train(GradientSource source, float[] initialTheta) {
    return train(source, initialTheta, null);
  }

  /**
   * Trains from {@code initialTheta} (not modified); {@code validation}, when not null, is
   * evaluated after every epoch and drives early stopping.
   */
  public TrainingResult train(GradientSource source, float[] initialTheta, Evaluator validation) {
    return new Run(source, initialTheta, validation).run();
  }

  /** One call of {@link #train}: the loop's variables and its steps. */
  private final class Run {

    private final GradientSource source;
    private final EpochBookkeeping book;
    private final OptimizerState state;
    private final int iterations;
    private final float[] mean;
    private final UpdateStep update;
    /** Runs of batches away from the driver (a barrier stage), or null: one batch at a time. */
    private final UpdateChunks chunks;
    private float[] theta;
    private long updates;
    private int firstEpoch;
    private EpochProgress progress = EpochProgress.START;
    private int lastEpoch;
    private int lastIteration;
    /** The update count of the last checkpoint within an epoch (a skipped batch adds none). */
    private long savedAfter = -1;
    /** Whether epoch ends need the driver (validation): then a run of batches ends there. */
    private final boolean validates;
    /** A run of batches that reached past the current epoch: its records not yet taken. */
    private UpdateChunk pending;
    /** The next record of {@link #pending} to take. */
    private int pendingNext;
    /** The epoch ends of {@link #pending} taken so far. */
    private int pendingEnds;
    /**
     * When the last epoch ended, as {@link System#nanoTime}, if it ended within a run that went
     * on (the next epoch starts there); else −1.
     */
    private long endedWithin = -1;

    Run(GradientSource source, float[] initialTheta, Evaluator validation) {
      this.source = source;
      this.theta = initialTheta.clone();
      this.state = optimizer.init(theta.length);
      this.mean = new float[theta.length];
      this.iterations = source.plan().iterations(source.rows());
      this.book = new EpochBookkeeping(config, listener, source, validation, checkpointer,
          iterations);
      this.update = new UpdateStep(optimizer, config, iterations);
      this.chunks = source instanceof UpdateChunks c ? c : null;
      this.validates = validation != null;
      if (resumeFrom != null) {
        theta = restore(resumeFrom, state);
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
      if (config.curriculumEpochs() > 0) {
        source.easyFirst(null);
      }
      return book.finish(theta, updates, lastEpoch, lastIteration, progress.lastFinite());
    }

    /** Runs epoch {@code epoch} (0-based) from {@code progress}; whether to stop after it. */
    private boolean epoch(int epoch) {
      long epochStart = endedWithin >= 0 ? endedWithin : System.nanoTime();
      endedWithin = -1;
      curriculum(epoch);
      int it = progress.iteration();
      while (it < iterations) {
        if (pending == null && StopSignal.requested()) {
          stop(epoch);
        }
        int served = chunks != null ? chunk(epoch, it) : step(epoch, it) ? 1 : -1;
        if (served < 0) {
          book.recordUnfinished(epoch, progress, theta, epochStart);
          return true;
        }
        it += served;
        listener.onProgress(epoch + 1, it, iterations);
        if (checkpointer != null && it < iterations && epoch >= config.curriculumEpochs()
            && updates != savedAfter && checkpointer.dueAfterUpdates(updates)) {
          checkpointer.save(book.state(epoch, updates, theta, state, progress));
          savedAfter = updates;
        }
      }
      return book.endEpoch(epoch, progress, theta, state, updates, epochStart,
          endedWithin >= 0 ? endedWithin : System.nanoTime());
    }

    /**
     * Stops on request before batch {@code progress.iteration()} of {@code epoch}, saving the
     * state first, except within a curriculum epoch (whose order depends on its starting weights:
     * the last checkpoint stands).
     */
    private void stop(int epoch) {
      boolean saved = checkpointer != null
          && (progress.iteration() == 0 || epoch >= config.curriculumEpochs());
      if (saved) {
        checkpointer.save(book.state(epoch, updates, theta, state, progress));
      }
      throw new TrainingStoppedException(epoch, progress.iteration(), updates, saved);
    }

    /**
     * Orders the shards easy first at the epoch's starting weights in curriculum epochs (so no
     * checkpoint is written within them: their order depends on those weights).
     */
    private void curriculum(int epoch) {
      if (epoch < config.curriculumEpochs()) {
        source.easyFirst(theta);
      } else if (epoch == config.curriculumEpochs() && epoch > 0) {
        source.easyFirst(null);
      }
    }

    /** Batch {@code it} of {@code epoch}: one update; false when the loss or gradient diverged. */
    private boolean step(int epoch, int it) {
      GradientSum sum = source.gradient(theta, epoch, it);
      return record(epoch, it, update.apply(theta, state, mean, sum, epoch, it));
    }

    /**
     * Batches from {@code it} of {@code epoch} run away from the driver, up to the epoch's end
     * (or several epochs' end: {@link #runEpochs}), the next mid-epoch checkpoint or a requested
     * stop; how many of this epoch's were served, or −1 when one diverged. The batches of later
     * epochs wait in {@link #pending} for their epochs' turns, with Θ at each epoch's end.
     */
    private int chunk(int epoch, int it) {
      if (pending == null) {
        UpdateChunk run = chunks.updates(theta, state, epoch, it, iterations, runEpochs(epoch),
            updatesBeforeCheckpoint(epoch, it), update);
        if (run.records().isEmpty()) {
          if (!StopSignal.requested()) {
            throw new IllegalStateException("a run of batches from batch " + (it + 1)
                + " of epoch " + (epoch + 1) + " served none");
          }
          take(run);
          return 0;
        }
        pending = run;
        pendingNext = 0;
        pendingEnds = 0;
      }
      UpdateChunk run = pending;
      int served = 0;
      while (true) {
        UpdateRecord r = run.records().get(pendingNext++);
        boolean last = pendingNext == run.records().size();
        if (last) {
          take(run);
        }
        if (!record(epoch, it + served, r)) {
          pending = null;
          return -1;
        }
        served++;
        if (last) {
          return served;
        }
        if (it + served == iterations) {
          // The run went on past this epoch's end: Θ there, and when it was reached.
          theta = run.epochThetas().get(pendingEnds).clone();
          endedWithin = pendingEnds < run.epochEnds().size()
              ? run.epochEnds().get(pendingEnds) : System.nanoTime();
          pendingEnds++;
          return served;
        }
      }
    }

    /** Θ and the optimizer state at the end of {@code run}; nothing of it waits any more. */
    private void take(UpdateChunk run) {
      theta = run.theta().clone();
      UpdateStep.load(state, run.optimizerArrays(), run.optimizerStep());
      pending = null;
    }

    /**
     * How many epochs, from {@code epoch}, one run of batches may reach into: all that are left,
     * unless an epoch's end needs the driver between two epochs (a validation pass with early
     * stopping, tol's comparison, checkpoints, curriculum orders), then 1. The listener's view
     * of each epoch's end (its figures and Θ) comes with the run.
     */
    private int runEpochs(int epoch) {
      if (validates || config.tol() > 0 || checkpointer != null
          || config.curriculumEpochs() > 0) {
        return 1;
      }
      return Math.max(1, config.epochs() - epoch);
    }

    /**
     * How many updates batches from {@code it} of {@code epoch} may make before the checkpointer
     * wants the state (a run of batches ends there).
     */
    private long updatesBeforeCheckpoint(int epoch, int it) {
      if (checkpointer == null || epoch < config.curriculumEpochs()) {
        return Long.MAX_VALUE;
      }
      for (long u = updates + 1; u < updates + (iterations - it); u++) {
        if (u != savedAfter && checkpointer.dueAfterUpdates(u)) {
          return u - updates;
        }
      }
      return Long.MAX_VALUE;
    }

    /** Takes batch {@code it}'s figures into the epoch's; false when it diverged. */
    private boolean record(int epoch, int it, UpdateRecord r) {
      boolean finite = r.kind() == UpdateRecord.Kind.UPDATED;
      progress = advance(it, r, finite ? r.meanLoss() : progress.lastFinite());
      if (r.kind() == UpdateRecord.Kind.DIVERGED) {
        book.diverged(epoch + 1, it + 1, progress.lastFinite());
        return false;
      }
      if (finite) {
        updates++;
        lastEpoch = epoch + 1;
        lastIteration = it + 1;
      }
      return true;
    }

    private EpochProgress advance(int it, UpdateRecord r, double lastFinite) {
      boolean counted = r.weight() > 0;
      return new EpochProgress(it + 1, progress.lossSum() + r.loss(),
          progress.weightSum() + r.weight(), progress.count() + (counted ? r.count() : 0),
          progress.correct() + (counted ? r.correct() : 0), lastFinite);
    }
  }

  /** Writes a saved state into the optimizer's state; returns Θ. */
  static float[] restore(TrainingState saved, OptimizerState state) {
    UpdateStep.load(state, saved.optimizerArrays(), saved.optimizerStep());
    return saved.theta().clone();
  }

  static boolean allFinite(float[] a) {
    return UpdateStep.allFinite(a);
  }
}
