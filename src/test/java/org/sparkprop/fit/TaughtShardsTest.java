package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.SampleWriter;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Teacher;

/**
 * A distilled fit packs its training rows once: the shards with the teacher's soft targets
 * replace the packed ones, which are released, and every later read of the training set (the
 * train-set figures, the report's figures and row sample) reads the taught shards rather than
 * packing the rows again.
 */
class TaughtShardsTest {

  /** Writes a row as it is and counts the rows written, where the shards are packed. */
  private record CountingWriter(LongAccumulator written) implements SampleWriter<SampleRow> {
    @Override
    public int inputs() {
      return 2;
    }

    @Override
    public int outputs() {
      return 2;
    }

    @Override
    public float write(SampleRow item, float[] x, int xAt, float[] t, int tAt) {
      written.add(1);
      System.arraycopy(item.x(), 0, x, xAt, 2);
      System.arraycopy(item.t(), 0, t, tAt, 2);
      return item.w();
    }
  }

  @Test
  void theTrainingRowsArePackedOnceWhenATeacherTeaches() {
    JavaSparkContext sc = LocalSpark.context();
    Settings settings = Settings.defaults().withOverride("layers=2,8,2", "--set")
        .withOverride("epochs=2", "--set").withOverride("partitions=2", "--set");
    JobConfig config = JobConfig.from(settings);
    Network network = new Network(config.network());
    Network teacherNet = new Network(new NetworkSpec(new int[] {2, 6, 2},
        Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
    Teacher teacher = new Teacher(teacherNet, Initializer.initialTheta(teacherNet, 3),
        new Distillation(2, 0.5f));
    LongAccumulator written = sc.sc().longAccumulator("rows packed");
    ShardInput<SampleRow> input = new ShardInput<>(sc.parallelize(FitRuns.xor(300), 3),
        new CountingWriter(written), null);
    AtomicReference<FitObserver.Report> report = new AtomicReference<>();
    FitObserver observer = new FitObserver() {
      @Override
      public int reportRows() {
        return 50;
      }

      @Override
      public void reported(Report r) {
        report.set(r);
      }
    };
    DistributedFit.Result fit = DistributedFit.fit(sc, new DistributedFit.Request(input, null,
        null, settings, config, network, null, false, true, false, observer, teacher));
    assertNull(fit.training().divergence());
    assertNotNull(report.get());
    assertEquals("training", report.get().set());
    assertEquals(300, fit.trainMetrics().rows());
    // Packed once: no read of the training set packed the rows again.
    assertEquals(300, written.value());
  }
}
