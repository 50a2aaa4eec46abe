package io.sketches.spark.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the table gives Spark: {@code DESCRIBE FUNCTION EXTENDED} texts and working examples. */
class FunctionTableTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
  }

  private static String describe(String name) {
    return spark.sql("DESCRIBE FUNCTION EXTENDED " + name).collectAsList().stream()
        .map(r -> r.getString(0))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void describeShowsUsageArgumentsAndExamplesAsBuiltInsDo() {
    String text = describe("sk_hll");
    assertTrue(
        text.contains(
            "Usage: sk_hll(expr [, precision | relative_sd]) - HyperLogLog sketch"
                + " bytes of the distinct values of expr"),
        text);
    assertTrue(text.contains("Arguments:\n      * expr - "), text);
    assertTrue(text.contains("* precision - log2 of the number of registers"), text);
    assertTrue(text.contains("Examples:\n      > SELECT round(sk_estimate(sk_hll(col)))"), text);
    assertTrue(text.contains("Since: " + SqlFunction.SINCE), text);
    String scalar = describe("sk_bounds");
    assertTrue(scalar.contains("Usage: sk_bounds(hll, std_devs) - "), scalar);
    assertTrue(scalar.contains("* std_devs - an integer literal in [1, 3]"), scalar);
  }

  @Test
  void everyFunctionIsDescribedFromTheTable() {
    for (SqlFunction function : FunctionTable.all()) {
      String text = describe(function.name());
      assertTrue(text.contains("Usage: " + function.signature() + " - "), text);
      for (SqlFunction.Argument argument : function.arguments()) {
        assertTrue(text.contains("* " + argument.name() + " - " + argument.meaning()), text);
      }
      assertTrue(!function.examples().isEmpty(), function.name() + " has an example");
      assertTrue(text.contains("Examples:\n"), text);
      for (SqlFunction.Example example : function.examples()) {
        String query = example.query().replace("_FUNC_", function.name());
        assertTrue(text.contains("> " + query + "\n       " + example.result()), text);
      }
    }
  }

  @Test
  void everyExampleGivesItsResult() {
    for (SqlFunction function : FunctionTable.all()) {
      for (SqlFunction.Example example : function.examples()) {
        String sql = example.query().replace("_FUNC_", function.name());
        List<Row> rows = spark.sql(sql).collectAsList();
        assertEquals(1, rows.size(), sql);
        assertEquals(example.result(), String.valueOf(rows.get(0).get(0)), sql);
      }
    }
  }

  @Test
  void theSignatureOfEachFunctionIsInItsArityError() {
    for (SqlFunction function : FunctionTable.all()) {
      String sql = "SELECT " + function.name() + "(1, 2, 3, 4, 5)";
      Exception e =
          org.junit.jupiter.api.Assertions.assertThrows(
              Exception.class, () -> spark.sql(sql).schema(), sql);
      assertTrue(e.getMessage().contains(function.signature()), e.getMessage());
    }
  }
}
