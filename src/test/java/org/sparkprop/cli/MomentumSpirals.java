package org.sparkprop.cli;

import org.sparkprop.train.Settings;

/**
 * The spirals job as the default was up to 2026-12-03: 2-32-32-2 ReLU, momentum at its own step
 * (auto: 0.03), mini-batches of 32, 50 epochs, a constant rate, raw inputs. The accuracy margins
 * of {@link OptimizersOnSpiralsTest} and {@link ArchitecturesOnSpiralsTest} were measured on this
 * job, so they train it whatever the defaults become.
 */
final class MomentumSpirals {

  /** The settings above, in the assignment form of {@code --set}. */
  static final String[] ASSIGNMENTS = {"layers=2,32,32,2", "activation=relu",
      "optimizer=momentum", "stepSize=auto", "mode=minibatch", "batchSize=32", "epochs=50",
      "schedule=constant", "warmupEpochs=0", "standardize=false"};

  private MomentumSpirals() {}

  /**
   * Its training settings (optimizer, step, batches, schedule, inputs; not the layers or the
   * epochs) as {@code --set} arguments, for command-line tests measured with them.
   */
  static String[] trainingArgs() {
    return java.util.Arrays.stream(ASSIGNMENTS)
        .filter(a -> !a.startsWith("layers=") && !a.startsWith("epochs="))
        .flatMap(a -> java.util.stream.Stream.of("--set", a))
        .toArray(String[]::new);
  }

  /** The built-in defaults with the settings above on top. */
  static Settings settings() {
    Settings settings = Settings.defaults();
    for (String assignment : ASSIGNMENTS) {
      settings = settings.withOverride(assignment, "test");
    }
    return settings;
  }
}
