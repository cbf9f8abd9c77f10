package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.sparkprop.train.GradientSum;
import scala.Tuple2;

/**
 * The sum of every partition's {@link GradientSum}, all held in one place (after a barrier
 * stage's exchange), added in the order and tree shape of {@link OrderedTreeSum} for the same
 * depth: the same additions, so the same bits, as a Spark job's ordered sum.
 */
final class GatheredSums {

  private GatheredSums() {}

  /** Σ of {@code parts} (indexed by partition) through a tree of depth {@code depth}. */
  static GradientSum sum(GradientSum[] parts, int depth) {
    int scale = OrderedTreeSum.scale(parts.length, depth);
    List<Tuple2<Integer, GradientSum>> level = new ArrayList<>();
    for (int p = 0; p < parts.length; p++) {
      level.add(new Tuple2<>(p, parts[p]));
    }
    for (int l = OrderedTreeSum.levels(parts.length, depth); l > 0; l--) {
      TreeMap<Integer, List<Tuple2<Integer, GradientSum>>> groups = new TreeMap<>();
      for (Tuple2<Integer, GradientSum> t : level) {
        groups.computeIfAbsent(t._1() / scale, k -> new ArrayList<>()).add(t);
      }
      List<Tuple2<Integer, GradientSum>> next = new ArrayList<>();
      groups.forEach((key, group) -> next.add(new Tuple2<>(key, OrderedTreeSum.inOrder(group))));
      level = next;
    }
    return OrderedTreeSum.inOrder(level);
  }
}
