package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.sparkprop.train.GradientSum;
import scala.Tuple2;

/**
 * {@code treeAggregate}'s combining tree with a fixed order: float addition is not associative,
 * so a sum that depends on which task finishes first changes in the last bits from run to run.
 * Here partial sums are keyed by partition index; each level groups {@code scale} consecutive
 * indices and adds them in index order, and the driver adds the last level in index order. The
 * shape of the tree is the one Spark's {@code treeAggregate} builds for the same depth, so the cost
 * is the same, and the result is bitwise the same on every run.
 */
final class OrderedTreeSum {

  private OrderedTreeSum() {}

  /** How many combining levels the tree has below the driver for {@code partitions} sums. */
  static int levels(int partitions, int depth) {
    int n = partitions;
    int scale = scale(partitions, depth);
    int levels = 0;
    while (n > scale + Math.ceil((double) n / scale)) {
      n = n / scale;
      levels++;
    }
    return levels;
  }

  /** How many sums each level groups: treeAggregate's choice, ⌈P^(1/depth)⌉ but at least 2. */
  static int scale(int partitions, int depth) {
    return Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
  }

  /** Σ of the partials (one per partition index) through a tree of the given depth. */
  static GradientSum sum(JavaPairRDD<Integer, GradientSum> partials, int partitions, int depth) {
    int n = partitions;
    int scale = scale(partitions, depth);
    JavaPairRDD<Integer, GradientSum> level = partials;
    for (int l = levels(partitions, depth); l > 0; l--) {
      n = n / scale;
      int s = scale;
      level = level
          .mapToPair(t -> new Tuple2<>(t._1() / s, t))
          .groupByKey(new HashPartitioner(n))
          .mapToPair(group -> new Tuple2<>(group._1(), inOrder(group._2())));
    }
    return inOrder(level.collect());
  }

  /** Adds the sums in ascending index order. */
  static GradientSum inOrder(Iterable<Tuple2<Integer, GradientSum>> parts) {
    List<Tuple2<Integer, GradientSum>> sorted = new ArrayList<>();
    parts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    GradientSum total = new GradientSum();
    for (Tuple2<Integer, GradientSum> part : sorted) {
      total.merge(part._2());
    }
    return total;
  }
}
