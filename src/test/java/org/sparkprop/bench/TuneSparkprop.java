package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparkprop.nn.Network;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.JobConfig;

/**
 * Explores sparkprop's settings on Fashion-MNIST in memory (same batches, same weights as on
 * Spark with the same plan), two configurations at a time (one per core):
 * {@code TuneSparkprop DATA_DIR "layers=784:128:10,optimizer=adam,batchSize=512,stepSize=0.002,epochs=10" ...}.
 * Prints, per configuration, the test accuracy after every epoch.
 */
public final class TuneSparkprop {

  private TuneSparkprop() {}

  public static void main(String[] args) throws Exception {
    FashionData data = FashionData.load(Path.of(args[0]));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String spec = args[i];
      results.add(pool.submit(() -> run(data, spec)));
    }
    for (Future<String> f : results) {
      System.out.println(f.get());
    }
    pool.shutdown();
  }

  private static String run(FashionData data, String spec) {
    Map<String, String> overrides = SparkpropSettings.parse(spec);
    String layers = overrides.remove("layers");
    JobConfig config = SparkpropSettings.config(layers, overrides);
    Network network = new Network(config.network());
    BatchPlan plan = new BatchPlan(2, config.batchSize(data.train().rows()), config.seed());
    AccuracyListener listener = new AccuracyListener(network, data.test(), false);
    try (InMemoryGradientSource source = new InMemoryGradientSource(network, data.train(), plan)) {
      listener.start();
      config.train(network, source, null, listener);
    }
    StringBuilder sb = new StringBuilder(spec).append('\n');
    for (AccuracyListener.Point p : listener.points()) {
      sb.append(String.format(Locale.ROOT, "  %2d %.4f (loss %.4f, %.1f s)%n", p.epoch(),
          p.testAccuracy(), p.trainLoss(), p.trainSeconds()));
    }
    sb.append(String.format(Locale.ROOT, "  -> epochs to 85%%: %s, to 88%%: %s, final %.4f",
        listener.epochsTo(0.85), listener.epochsTo(0.88),
        listener.points().get(listener.points().size() - 1).testAccuracy()));
    return sb.toString();
  }
}
