package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SessionDefaultsTest {

  @Test
  void fillsWhatIsMissingAndKeepsWhatTheUserSet() {
    SparkConf conf = new SparkConf(false).set("spark.broadcast.blockSize", "8m");
    SessionDefaults.applyTo(conf);
    assertEquals("8m", conf.get("spark.broadcast.blockSize"));
    assertEquals("false", conf.get("spark.broadcast.checksum"));
    assertEquals("false", conf.get("spark.broadcast.compress"));
  }
}
