package org.sparkprop.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A learnable classification set of Fashion-MNIST's shape written as Parquet by the executors:
 * 784 float32 features and a class 0–9. Row i draws from a generator seeded by (seed, i): its
 * class c uniformly, then feature j as N(0, 1) noise plus {@link #SHIFT} when j = c (so features
 * 10–783 are pure noise). The best possible accuracy, picking the largest of the first ten
 * features, is about 0.90 (0.9036 on the 100,000 rows of seed 7). A row depends on (seed, i)
 * alone, not on the partitioning, and no row passes through the driver. The executors need this
 * class (e.g. {@code spark.executor.extraClassPath} naming the test classes).
 *
 * <p>Columns: {@code features} ({@code array<float>}), {@code id} (the row's index, a long),
 * {@code label} (an int).
 */
public final class GaussianClasses {

  /** Features per row. */
  public static final int INPUTS = 784;
  /** Classes. */
  public static final int CLASSES = 10;
  /** Added to the feature of a row's own class. */
  public static final float SHIFT = 3f;

  /** One generated row, as a bean for Spark's encoder. */
  public static final class Generated implements Serializable {
    private long id;
    private float[] features;
    private int label;

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public float[] getFeatures() {
      return features;
    }

    public void setFeatures(float[] features) {
      this.features = features;
    }

    public int getLabel() {
      return label;
    }

    public void setLabel(int label) {
      this.label = label;
    }
  }

  private GaussianClasses() {}

  /** Row {@code id} of the set with {@code seed}. */
  public static Generated row(long seed, long id) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    Generated g = new Generated();
    g.id = id;
    g.label = random.nextInt(CLASSES);
    g.features = new float[INPUTS];
    for (int j = 0; j < INPUTS; j++) {
      g.features[j] = (float) random.nextGaussian();
    }
    g.features[g.label] += SHIFT;
    return g;
  }

  /** The rows, lazily: nothing is computed until they are written. */
  public static Dataset<Generated> rows(SparkSession spark, long rows, int partitions, long seed) {
    if (rows < 1 || partitions < 1) {
      throw new IllegalArgumentException("rows is " + rows + " and partitions " + partitions
          + "; both must be at least 1");
    }
    MapPartitionsFunction<Long, Generated> generate = ids -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Generated next() {
        return row(seed, ids.next());
      }
    };
    return spark.range(0, rows, 1, partitions).mapPartitions(generate,
        Encoders.bean(Generated.class));
  }

  /** Writes {@code rows} rows in {@code partitions} files to the Hadoop path {@code path}. */
  public static void write(SparkSession spark, String path, long rows, int partitions, long seed) {
    spark.sparkContext().setJobDescription("generate " + rows + " rows into " + path);
    rows(spark, rows, partitions, seed).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }

  /** A set to write: {@code rows} rows of {@code seed} at the Hadoop path {@code path}. */
  public record Set(String path, long rows, long seed) {}

  /**
   * Writes the sets, each in {@code partitions} files, with one session of its own on
   * {@code master} (a standalone master's URL, or {@code local[N]}) with the given Spark settings
   * ({@code key=value}), then stops that session.
   */
  public static void generate(String master, int partitions, List<Set> sets,
      String... settings) {
    SparkConf conf = new SparkConf().setMaster(master);
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Spark setting '" + s + "' is not key=value");
      }
      conf.set(s.substring(0, eq), s.substring(eq + 1));
    }
    SparkSession spark = LocalSession.start(conf, "generate Gaussian classes");
    try {
      for (Set set : sets) {
        write(spark, set.path(), set.rows(), partitions, set.seed());
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * {@code GaussianClasses MASTER PARTITIONS PATH ROWS SEED [PATH ROWS SEED]...
   * [--conf key=value]...}.
   */
  public static void main(String[] args) {
    List<Set> sets = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    int i = 2;
    for (; i + 2 < args.length && !args[i].equals("--conf"); i += 3) {
      sets.add(new Set(args[i], Long.parseLong(args[i + 1]), Long.parseLong(args[i + 2])));
    }
    for (; i + 1 < args.length && args[i].equals("--conf"); i += 2) {
      settings.add(args[i + 1]);
    }
    if (args.length < 5 || i != args.length) {
      System.err.println("usage: GaussianClasses MASTER PARTITIONS PATH ROWS SEED"
          + " [PATH ROWS SEED]... [--conf key=value]...");
      System.exit(2);
    }
    generate(args[0], Integer.parseInt(args[1]), sets, settings.toArray(new String[0]));
  }
}
