package org.sparkprop.fit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.data.Synthetic;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import org.sparkprop.train.TrainingResult;

/** The data and the fits the tests of the distributed fit share. */
final class FitRuns {

  private FitRuns() {}

  /** {@code n} noisy XOR rows with one-hot targets. */
  static List<SampleRow> xor(int n) {
    List<SampleRow> rows = new ArrayList<>();
    for (SampleRow r : HeldOutTest.rows(Synthetic.xor(n, 0.1, 5))) {
      float[] t = new float[2];
      t[(int) r.t()[0]] = 1f;
      rows.add(new SampleRow(r.x(), t));
    }
    return rows;
  }

  /** The training of a fit of {@code data} in 2 partitions under {@code s}. */
  static TrainingResult fit(JavaSparkContext sc, Settings s, List<SampleRow> data) {
    return fit(sc, s, data, false, new FitObserver() {});
  }

  /** As {@link #fit(JavaSparkContext, Settings, List)}, resuming or not, told to observer. */
  static TrainingResult fit(JavaSparkContext sc, Settings s, List<SampleRow> data,
      boolean resume, FitObserver observer) {
    JobConfig config = JobConfig.from(s);
    DistributedFit.Result r = DistributedFit.fit(sc, new DistributedFit.Request(
        sc.parallelize(data, 2), null, s, config, new Network(config.network()), null, resume,
        false, false, observer));
    return r.training();
  }
}
