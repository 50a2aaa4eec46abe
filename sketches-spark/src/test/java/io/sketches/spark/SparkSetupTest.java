package io.sketches.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Spark test setup works on this JVM: module options, loopback binding, shared session. */
class SparkSetupTest {

  @Test
  void localSparkRunsASqlAggregate() {
    SparkSession spark = SharedSpark.session();
    assertEquals("127.0.0.1", spark.conf().get("spark.driver.host"));
    long distinct = spark.range(0, 1000).selectExpr("id % 37 AS k").distinct().count();
    assertEquals(37, distinct);
  }
}
