package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;

class HeldOutTest {

  static List<SampleRow> rows(RawData d) {
    List<SampleRow> rows = new ArrayList<>();
    for (int n = 0; n < d.rows(); n++) {
      rows.add(new SampleRow(new float[] {d.feature(n, 0), d.feature(n, 1)},
          new float[] {d.label(n)}));
    }
    return rows;
  }

  private static List<String> keys(JavaRDD<SampleRow> rdd) {
    List<String> keys = new ArrayList<>(rdd.map(r -> r.x()[0] + "," + r.x()[1]).collect());
    keys.sort(null);
    return keys;
  }

  @Test
  void membershipDependsOnTheRowsNotOnThePartitioning() {
    JavaSparkContext sc = LocalSpark.context();
    List<SampleRow> data = rows(Synthetic.spirals(4000, 0.1, 7));
    JavaRDD<SampleRow>[] one = HeldOut.split(sc.parallelize(data, 1), 0.25, 11);
    JavaRDD<SampleRow>[] seven = HeldOut.split(sc.parallelize(data, 7), 0.25, 11);
    List<String> kept = keys(one[0]);
    List<String> held = keys(one[1]);
    assertEquals(kept, keys(seven[0]));
    assertEquals(held, keys(seven[1]));
    assertEquals(4000, kept.size() + held.size());
    // Binomial(4000, 0.25): mean 1000, standard deviation 27; six deviations either side.
    assertTrue(Math.abs(held.size() - 1000) < 165, held.size() + " held out");
    // Another seed holds out other rows.
    List<String> other = keys(HeldOut.split(sc.parallelize(data, 3), 0.25, 12)[1]);
    other.retainAll(held);
    assertTrue(other.size() < 400, other.size() + " rows held out under both seeds");
  }

  @Test
  void identicalRowsFallOnTheSameSide() {
    SampleRow a = new SampleRow(new float[] {1.5f, -2f}, new float[] {1f});
    SampleRow b = new SampleRow(new float[] {1.5f, -2f}, new float[] {1f});
    SampleRow c = new SampleRow(new float[] {1.5f, -2f}, new float[] {0f});
    assertEquals(HeldOut.position(a, 5), HeldOut.position(b, 5));
    assertTrue(HeldOut.position(a, 5) != HeldOut.position(c, 5));
    double p = HeldOut.position(a, 5);
    assertTrue(p >= 0 && p < 1, "position " + p);
  }
}
