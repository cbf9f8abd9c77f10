package org.sparkprop.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The sets of {@link Synthetic}, generated on the executors: the rows of {@link
 * Synthetic#byName} in the same order, with {@link DataSources#ROW} their index.
 *
 * <p>A set is one sequential stream of a seeded generator, so a row cannot be generated without
 * those before it. Each of a few partitions therefore regenerates the whole set from the seed and
 * keeps its range of rows. That costs {@code partitions × n} rows of generation, which is nothing
 * for sets meant to be small (thousands of 1-D or 2-D points; a million take well under a second
 * per partition); the driver never holds the set.
 */
final class SyntheticSource {

  private SyntheticSource() {}

  /**
   * Set {@code name} of {@code n} rows with {@code noise} and {@code seed}, in at most
   * {@code spark.default.parallelism} partitions.
   *
   * @throws IllegalArgumentException naming the set if it is unknown, n &lt; 1 or noise is bad
   */
  static Dataset<Row> read(SparkSession spark, String name, int n, double noise, long seed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(rows(jsc, name, n, noise, seed, true),
        DataSources.keyedSchema());
  }

  /**
   * The same rows without a SQL session: (features, label, row) with {@code keyed}, else
   * (features, label), in the partitions and order of {@link #read}.
   *
   * @throws IllegalArgumentException naming the set if it is unknown, n &lt; 1 or noise is bad
   */
  static JavaRDD<Row> rows(JavaSparkContext jsc, String name, int n, double noise, long seed,
      boolean keyed) {
    if (!Synthetic.NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown synthetic data set '" + name
          + "'; known sets are " + String.join(", ", Synthetic.NAMES));
    }
    if (n < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
      Synthetic.byName(name, n, noise, seed); // throws its own message naming the bad value
    }
    int parts = Math.max(1, Math.min(jsc.defaultParallelism(), n));
    RowRanges ranges = new RowRanges(n, parts);
    List<Integer> ids = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      ids.add(p);
    }
    JavaRDD<Row> rows = jsc.parallelize(ids, parts).mapPartitions(part -> {
      int p = part.next();
      RawData d = Synthetic.byName(name, n, noise, seed);
      Iterator<Long> range =
          LongStream.range(ranges.start(p), ranges.start(p + 1)).iterator();
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return range.hasNext();
        }

        @Override
        public Row next() {
          int r = (int) (long) range.next();
          double[] x = new double[d.columns()];
          for (int j = 0; j < x.length; j++) {
            x[j] = d.feature(r, j);
          }
          return keyed ? RowFactory.create(Vectors.dense(x), (double) d.label(r), (long) r)
              : RowFactory.create(Vectors.dense(x), (double) d.label(r));
        }
      };
    });
    return rows.setName("synthetic:" + name);
  }
}
