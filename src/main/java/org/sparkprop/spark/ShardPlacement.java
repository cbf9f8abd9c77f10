package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each task of a barrier stage should run so that all of them can launch at once: every
 * partition on an executor that holds its cached shard while that executor has a free slot, the
 * others on the executors with the most free slots. A barrier stage starts only when every one
 * of its tasks has a slot, so Spark's delay scheduling never helps it: when two shards were
 * cached on an executor with one slot, the second task would wait out {@code spark.locality.wait}
 * (3 s by default) at every stage before running elsewhere, and read its shard from the other
 * executor then anyway. A partition placed away from its shard reads it from the executor that
 * holds it, as Spark does for any remote cached block.
 *
 * @param executors the live executors (id to host) in a fixed order
 * @param slotsPerExecutor the tasks one executor runs at once (≥ 1)
 */
record ShardPlacement(Map<String, String> executors, int slotsPerExecutor) {

  ShardPlacement {
    if (slotsPerExecutor < 1) {
      throw new IllegalArgumentException("ShardPlacement: slots per executor is "
          + slotsPerExecutor + "; it must be at least 1");
    }
    executors = new LinkedHashMap<>(executors);
  }

  /**
   * The executor id for each partition, given the executors that hold each partition's cached
   * shard ({@code cached.get(p)}, in the order the block manager lists them; may be empty); null
   * for every partition when no executor is known.
   */
  String[] place(List<List<String>> cached) {
    int partitions = cached.size();
    String[] placed = new String[partitions];
    if (executors.isEmpty()) {
      return placed;
    }
    Map<String, Integer> used = new LinkedHashMap<>();
    executors.keySet().forEach(e -> used.put(e, 0));
    for (int p = 0; p < partitions; p++) {
      for (String e : cached.get(p)) {
        Integer n = used.get(e);
        if (n != null && n < slotsPerExecutor) {
          placed[p] = e;
          used.put(e, n + 1);
          break;
        }
      }
    }
    for (int p = 0; p < partitions; p++) {
      if (placed[p] == null) {
        String least = null;
        for (Map.Entry<String, Integer> e : used.entrySet()) {
          if (least == null || e.getValue() < used.get(least)) {
            least = e.getKey();
          }
        }
        placed[p] = least;
        used.put(least, used.get(least) + 1);
      }
    }
    return placed;
  }

  /**
   * Spark's name of a task location on executor {@code id} (an executor cache location, which
   * the task scheduler matches as PROCESS_LOCAL), or none for null.
   */
  List<String> location(String id) {
    List<String> out = new ArrayList<>(1);
    if (id != null) {
      out.add("executor_" + executors.get(id) + "_" + id);
    }
    return out;
  }
}
