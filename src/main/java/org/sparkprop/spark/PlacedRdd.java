package org.sparkprop.spark;

import java.util.List;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;

/**
 * The partitions of a parent RDD, unchanged, with the task locations given here in place of the
 * parent's (its cached blocks' executors): a one-to-one view, so its partition p is the parent's
 * partition p, read (from this executor's cache or another's) as the parent would be.
 */
final class PlacedRdd<T> extends RDD<T> {

  private final transient List<List<String>> places;
  private final ClassTag<T> tag;

  /** {@code parent}'s partitions, partition p preferring the locations {@code places.get(p)}. */
  PlacedRdd(RDD<T> parent, List<List<String>> places, ClassTag<T> tag) {
    super(parent, tag);
    if (places.size() != parent.getNumPartitions()) {
      throw new IllegalArgumentException("PlacedRdd: " + places.size() + " places for "
          + parent.getNumPartitions() + " partitions");
    }
    this.places = List.copyOf(places);
    this.tag = tag;
  }

  @Override
  public Iterator<T> compute(Partition split, TaskContext context) {
    return firstParent(tag).iterator(split, context);
  }

  @Override
  public Partition[] getPartitions() {
    return firstParent(tag).partitions();
  }

  @Override
  public Seq<String> getPreferredLocations(Partition split) {
    return CollectionConverters.asScala(places.get(split.index())).toList();
  }
}
