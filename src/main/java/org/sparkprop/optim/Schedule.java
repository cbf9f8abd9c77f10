package org.sparkprop.optim;

import org.sparkprop.settings.SettingException;

import java.io.Serializable;

/**
 * A learning-rate schedule: the multiplier of the step size ρ at a point of training, passed to
 * {@link Optimizer#update(float[], float[], OptimizerState, float)} as its {@code rateScale}.
 *
 * <p>The point is given as {@code (epoch, progress)}: {@code epoch} counts from 0 and
 * {@code progress} in [0, 1] is the fraction of that epoch done; the time in epochs is
 * t = epoch + progress. A trainer making {@code n} updates per epoch should ask for update
 * {@code it} (from 0) at {@code factor(epoch, (it + 1) / (double) n)}, so that the first step of a
 * warmup is not zero and warmup ends exactly at its last epoch's last step.
 *
 * <p>{@link Constant}, {@link StepDecay} and {@link Exponential} change only between epochs (as
 * PyTorch's {@code StepLR} and {@code ExponentialLR} stepped once per epoch); {@link Cosine} and
 * {@link Warmup} move with every update.
 */
public sealed interface Schedule extends Serializable {

  /** The multiplier of ρ at time t = epoch + progress (epoch >= 0, progress in [0, 1]). */
  double factor(int epoch, double progress);

  /** This schedule after {@code epochs} of linear warmup (0: this schedule unchanged). */
  default Schedule withWarmup(int epochs) {
    return epochs == 0 ? this : new Warmup(epochs, this);
  }

  /** Always 1. */
  static Schedule constant() {
    return new Constant();
  }

  /** γ^⌊epoch / every⌋: multiply by γ every {@code every} epochs. */
  static Schedule step(int every, double gamma) {
    return new StepDecay(every, gamma);
  }

  /** γ^epoch: multiply by γ every epoch. */
  static Schedule exponential(double gamma) {
    return new Exponential(gamma);
  }

  /**
   * Cosine annealing from 1 down to {@code minFactor} over {@code totalEpochs}, then
   * {@code minFactor}: m + (1 − m)·(1 + cos(π·t/T))/2. Loshchilov &amp; Hutter, "SGDR: stochastic
   * gradient descent with warm restarts", ICLR 2017, eq. (5) without restarts.
   */
  static Schedule cosine(int totalEpochs, double minFactor) {
    return new Cosine(totalEpochs, minFactor);
  }

  private static void checkPoint(int epoch, double progress) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch is " + epoch + "; it must be >= 0");
    }
    if (!(progress >= 0 && progress <= 1)) {
      throw new IllegalArgumentException("progress is " + progress + "; it must be in [0, 1]");
    }
  }

  /** Always 1. */
  record Constant() implements Schedule {
    @Override
    public double factor(int epoch, double progress) {
      checkPoint(epoch, progress);
      return 1;
    }

    @Override
    public String toString() {
      return "constant";
    }
  }

  /** γ^⌊epoch / every⌋. */
  record StepDecay(int every, double gamma) implements Schedule {
    public StepDecay {
      Check.atLeast("scheduleEvery", every, 1);
      decayFactor("scheduleGamma", gamma);
    }

    @Override
    public double factor(int epoch, double progress) {
      checkPoint(epoch, progress);
      return Math.pow(gamma, epoch / every);
    }

    @Override
    public String toString() {
      return "step(every=" + every + ", gamma=" + Check.format(gamma) + ")";
    }
  }

  /** γ^epoch. */
  record Exponential(double gamma) implements Schedule {
    public Exponential {
      decayFactor("scheduleGamma", gamma);
    }

    @Override
    public double factor(int epoch, double progress) {
      checkPoint(epoch, progress);
      return Math.pow(gamma, epoch);
    }

    @Override
    public String toString() {
      return "exponential(gamma=" + Check.format(gamma) + ")";
    }
  }

  /** m + (1 − m)·(1 + cos(π·min(t, T)/T))/2. */
  record Cosine(int totalEpochs, double minFactor) implements Schedule {
    public Cosine {
      Check.atLeast("totalEpochs", totalEpochs, 1);
      if (!(minFactor >= 0 && minFactor <= 1)) {
        throw new SettingException("scheduleMin", Check.format(minFactor), "a number in [0, 1]");
      }
    }

    @Override
    public double factor(int epoch, double progress) {
      checkPoint(epoch, progress);
      double t = Math.min(epoch + progress, totalEpochs);
      return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t / totalEpochs));
    }

    @Override
    public String toString() {
      return "cosine(totalEpochs=" + totalEpochs + ", minFactor=" + Check.format(minFactor) + ")";
    }
  }

  /**
   * Linear warmup: t/w for t = epoch + progress < w, then {@code then} with its clock started
   * when warmup ends ({@code then.factor(epoch − w, progress)}), so a {@code cosine(T, m)} after
   * w warmup epochs spans w + T epochs. Goyal et al., "Accurate, large minibatch SGD: training
   * ImageNet in 1 hour", arXiv:1706.02677 (2017), §2.2 (gradual warmup).
   */
  record Warmup(int epochs, Schedule then) implements Schedule {
    public Warmup {
      Check.atLeast("warmupEpochs", epochs, 1);
      if (then == null) {
        throw new IllegalArgumentException("the schedule after warmup is null; use constant()");
      }
    }

    @Override
    public double factor(int epoch, double progress) {
      checkPoint(epoch, progress);
      double t = epoch + progress;
      if (t < epochs) {
        return t / epochs;
      }
      // t = w exactly can arrive as (w − 1, 1): the start of the schedule after warmup.
      return epoch < epochs ? then.factor(0, 0) : then.factor(epoch - epochs, progress);
    }

    @Override
    public String toString() {
      return then + " after " + epochs + " warmup epochs";
    }
  }

  private static void decayFactor(String setting, double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new SettingException(setting, Check.format(gamma), "a number in (0, 1]");
    }
  }
}
