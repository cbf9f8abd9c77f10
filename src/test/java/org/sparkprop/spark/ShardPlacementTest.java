package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.ExecutorCacheTaskLocation;
import org.apache.spark.scheduler.TaskLocation;
import org.apache.spark.scheduler.TaskLocation$;
import org.junit.jupiter.api.Test;

/** Where the tasks of a barrier stage are placed, given where the shards are cached. */
class ShardPlacementTest {

  private static Map<String, String> executors(String... ids) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, "10.0.0." + id);
    }
    return out;
  }

  @Test
  void shardsCachedOnTheirOwnExecutorsStayThere() {
    ShardPlacement placement = new ShardPlacement(executors("0", "1"), 1);
    assertArrayEquals(new String[] {"1", "0"},
        placement.place(List.of(List.of("1"), List.of("0"))));
  }

  @Test
  void twoShardsOnAOneSlotExecutorSendTheSecondToTheFreeExecutor() {
    // Spark's own placement would keep both on executor 1: the second task waits out the
    // locality wait at every stage, then runs on executor 0 anyway.
    ShardPlacement placement = new ShardPlacement(executors("0", "1"), 1);
    assertArrayEquals(new String[] {"1", "0"},
        placement.place(List.of(List.of("1"), List.of("1"))));
  }

  @Test
  void anExecutorWithTwoSlotsKeepsBothOfItsShards() {
    ShardPlacement placement = new ShardPlacement(executors("0", "1"), 2);
    assertArrayEquals(new String[] {"1", "1", "0"},
        placement.place(List.of(List.of("1"), List.of("1"), List.of("1"))));
  }

  @Test
  void aReplicaOnAFreeExecutorIsPreferredToMovingTheShard() {
    ShardPlacement placement = new ShardPlacement(executors("0", "1", "2"), 1);
    assertArrayEquals(new String[] {"0", "2", "1"},
        placement.place(List.of(List.of("0"), List.of("0", "2"), List.of())));
  }

  @Test
  void shardsOfLostExecutorsAndUncachedShardsGoWhereSlotsAreFree() {
    ShardPlacement placement = new ShardPlacement(executors("3", "4"), 1);
    assertArrayEquals(new String[] {"4", "3"},
        placement.place(List.of(List.of("4"), List.of("1"))));
    assertArrayEquals(new String[] {"3", "4"},
        placement.place(List.of(List.of(), List.of())));
  }

  @Test
  void morePartitionsThanSlotsAreSpreadEvenly() {
    ShardPlacement placement = new ShardPlacement(executors("0", "1"), 1);
    assertArrayEquals(new String[] {"0", "1", "0", "1"},
        placement.place(List.of(List.of("0"), List.of("0"), List.of("0"), List.of("0"))));
  }

  @Test
  void withoutKnownExecutorsNothingIsPreferred() {
    ShardPlacement placement = new ShardPlacement(executors(), 1);
    assertArrayEquals(new String[] {null, null}, placement.place(List.of(List.of("1"), List.of())));
    assertEquals(List.of(), placement.location(null));
  }

  @Test
  void aLocationIsSparksNameOfAnExecutorCacheLocation() {
    ShardPlacement placement = new ShardPlacement(executors("7"), 1);
    List<String> location = placement.location("7");
    assertEquals(1, location.size());
    // Spark reads it back as the cache location of executor 7 on its host.
    TaskLocation parsed = TaskLocation$.MODULE$.apply(location.get(0));
    assertTrue(parsed instanceof ExecutorCacheTaskLocation, parsed.getClass().getName());
    assertEquals("7", ((ExecutorCacheTaskLocation) parsed).executorId());
    assertEquals("10.0.0.7", parsed.host());
  }

  @Test
  void slotsPerExecutorMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ShardPlacement(executors("0"), 0));
    assertEquals("ShardPlacement: slots per executor is 0; it must be at least 1",
        e.getMessage());
  }
}
