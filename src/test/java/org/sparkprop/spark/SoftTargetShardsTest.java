package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.SoftTargets;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.TestSets;

/**
 * A teacher's soft targets are computed on the executors beside each shard, row for row what the
 * teacher gives in memory, and a distilled gradient over P partitions equals the one over one.
 */
class SoftTargetShardsTest {

  private static final Network STUDENT = new Network(new NetworkSpec(new int[] {6, 5, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Network TEACHER_NET = new Network(new NetworkSpec(new int[] {6, 12, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final Teacher TEACHER = new Teacher(TEACHER_NET,
      Initializer.initialTheta(TEACHER_NET, 4), new Distillation(3, 0.7f));

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void eachShardCarriesTheTeachersOutputsForItsRows(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(101, 6, 3, 8);
    SoftTargets all = TEACHER.softTargets(data);
    try (ShardRdd packed = ShardRdd.fromSamples(sc, data, partitions);
        ShardRdd taught = packed.withSoftTargets(sc, TEACHER)) {
      List<Shard> shards = taught.rdd().collect();
      assertEquals(partitions, shards.size());
      for (Shard shard : shards) {
        SoftTargets soft = shard.soft();
        assertEquals(3f, soft.distillation().temperature());
        for (int r = 0; r < shard.rows(); r++) {
          int sample = r * partitions + shard.index();
          assertArrayEquals(Arrays.copyOfRange(all.p(), sample * 3, sample * 3 + 3),
              Arrays.copyOfRange(soft.p(), r * 3, r * 3 + 3), "sample " + sample);
        }
      }
    }
    // Rows of p are distributions over the classes.
    for (int n = 0; n < data.rows(); n++) {
      float sum = all.p()[3 * n] + all.p()[3 * n + 1] + all.p()[3 * n + 2];
      assertEquals(1f, sum, 1e-5f);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void aDistilledGradientOverPartitionsEqualsTheOneOverOne(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(97, 6, 3, 12);
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    float[] one = gradient(sc, data, 1, theta, TEACHER);
    float[] many = gradient(sc, data, partitions, theta, TEACHER);
    for (int i = 0; i < one.length; i++) {
      assertEquals(one[i], many[i], 1e-5f * Math.max(1f, Math.abs(one[i])), "grad[" + i + "]");
    }
    float[] plain = gradient(sc, data, 1, theta, null);
    assertFalse(Arrays.equals(plain, one), "the soft targets changed nothing");
  }

  /** The full-batch gradient sum at theta, with the teacher's soft targets when not null. */
  private static float[] gradient(JavaSparkContext sc, Samples data, int partitions,
      float[] theta, Teacher teacher) {
    ShardRdd packed = ShardRdd.fromSamples(sc, data, partitions);
    ShardRdd shards = teacher == null ? packed : packed.withSoftTargets(sc, teacher);
    try (SparkGradientSource source = new SparkGradientSource(sc, STUDENT, shards,
        new BatchPlan(partitions, data.rows(), 5), 2)) {
      return source.gradient(theta, 0, 0).gradient().clone();
    } finally {
      packed.close();
    }
  }
}
