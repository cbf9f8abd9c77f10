package org.sparkprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.Network;
import org.sparkprop.prune.PruneSettings;
import org.sparkprop.prune.UnitRemoval;
import org.sparkprop.settings.SettingException;

/**
 * The command line's side of pruning: the weights of {@code prune.from} to start from, and the
 * model written at the end, whose removed hidden units are taken out of their layers
 * ({@code prune.units}).
 */
final class PrunedModels {

  private PrunedModels() {}

  /**
   * The weights of the model {@code prune.from} names (its network state is loaded into
   * {@code network}), or null when pruning does not start from a saved model.
   */
  static float[] startingWeights(PruneSettings prune, Network network, Configuration hadoop)
      throws IOException {
    if (!prune.active() || prune.from().isEmpty()) {
      return null;
    }
    ModelFile.Loaded saved = ModelFile.read(new Path(prune.from()), hadoop);
    if (!saved.network().spec().equals(network.spec())) {
      throw new SettingException("prune.from", prune.from(), "a model of the network being"
          + " trained (" + network.spec() + "); it holds " + saved.network().spec());
    }
    network.state().load(saved.network().state().values());
    return saved.theta();
  }

  /**
   * Writes the model; with {@code prune.units}, the hidden units whose incoming weights are all 0
   * are removed first ({@link UnitRemoval}: their bias's output folded into the next layers).
   */
  static void write(Path target, PruneSettings prune, Network network, float[] theta,
      List<String> classNames, Configuration hadoop, PrintStream console) throws IOException {
    if (!prune.active() || !prune.units()) {
      ModelFile.write(target, network, theta, classNames, hadoop);
      return;
    }
    UnitRemoval.Shrunk shrunk = UnitRemoval.remove(network.spec(), theta,
        UnitRemoval.deadUnits(network.spec(), theta));
    Network small = new Network(shrunk.spec());
    float[] state = network.state().values();
    if (small.state().size() != state.length) {
      throw new IllegalStateException("the shrunk network's state has " + small.state().size()
          + " values, the trained one's " + state.length);
    }
    small.state().load(state);
    console.printf(Locale.ROOT, "sparkprop: units removed: layers %s -> %s%n",
        Arrays.toString(network.spec().sizes()), Arrays.toString(shrunk.spec().sizes()));
    ModelFile.write(target, small, shrunk.theta(), classNames, hadoop);
  }
}
