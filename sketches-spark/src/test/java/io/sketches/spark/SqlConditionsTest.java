package io.sketches.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.SketchFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error of an {@code sk_*} function carries a condition name and a SQLSTATE, as Spark's
 * built-ins do, and both are listed in the SQL reference ({@code docs/sql-functions.md}, section
 * "Error conditions"), which this test reads.
 */
class SqlConditionsTest {
  private static final Path PAGE = Path.of("../docs/sql-functions.md");

  /** A row of the conditions table: {@code | `CONDITION` | `SQLSTATE` | when |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`([A-Z_]+(?:\\.[A-Z_]+)?)`\\s*\\|\\s*`([0-9A-Z]{5})`\\s*\\|");

  static SparkSession spark;
  static Map<String, String> documented;

  @BeforeAll
  static void setUp() throws IOException {
    spark = SharedSpark.session();
    documented = conditions(Files.readString(PAGE));
  }

  /** The conditions table of the page: condition to SQLSTATE. */
  static Map<String, String> conditions(String markdown) {
    Map<String, String> table = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Error conditions");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (inSection && m.find()) {
        table.put(m.group(1), m.group(2));
      }
    }
    return table;
  }

  /** Asserts that {@code e} has a condition and a SQLSTATE, and that the page lists the pair. */
  static void assertListed(SparkThrowable e, String condition) {
    assertEquals(condition, e.getCondition(), ((Throwable) e).getMessage());
    assertNotNull(e.getSqlState(), condition);
    assertEquals(
        e.getSqlState(),
        documented.get(e.getCondition()),
        e.getCondition() + " is not listed with its SQLSTATE in " + PAGE);
  }

  /** The first exception in the chain of {@code e} that carries a condition. */
  static SparkThrowable conditionOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable && ((SparkThrowable) t).getCondition() != null) {
        return (SparkThrowable) t;
      }
    }
    throw new AssertionError("no condition in the chain of " + e, e);
  }

  private static AnalysisException analysisError(String sql) {
    return assertThrows(AnalysisException.class, () -> spark.sql(sql).schema(), sql);
  }

  private static SparkThrowable runtimeError(String sql) {
    return runtimeError(spark, sql);
  }

  /** The condition of the error that running {@code sql} raises (it must raise one). */
  static SparkThrowable runtimeError(SparkSession session, String sql) {
    return conditionOf(assertThrows(Exception.class, () -> session.sql(sql).collect(), sql));
  }

  /**
   * Each case {sql, condition, part of the message}: analysing the query fails with that condition
   * and a message containing that part.
   */
  static void assertAnalysisErrors(SparkSession session, String[][] cases) {
    for (String[] c : cases) {
      AnalysisException e =
          assertThrows(AnalysisException.class, () -> session.sql(c[0]).schema(), c[0]);
      assertEquals(c[1], e.getCondition(), c[0] + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void theCheckerFindsTheTableAndRefusesWhatItDoesNotList() {
    assertTrue(documented.size() >= 9, documented.toString());
    assertEquals("42605", documented.get("WRONG_NUM_ARGS.WITHOUT_SUGGESTION"));
    Map<String, String> elsewhere =
        conditions("## Other\n| `SKETCH_FORMAT_ERROR` | `22P03` | a row outside the section |\n");
    assertTrue(elsewhere.isEmpty(), elsewhere.toString());
    assertThrows(
        AssertionError.class,
        () -> assertListed(new Stated("SKETCH_FORMAT_ERROR", "99999"), "SKETCH_FORMAT_ERROR"),
        "a listed condition with another SQLSTATE");
    assertThrows(
        AssertionError.class,
        () -> assertListed(new Stated("NOT_LISTED", "22000"), "NOT_LISTED"),
        "an unlisted condition");
    assertThrows(
        AssertionError.class,
        () -> assertListed(new Stated("SKETCH_FORMAT_ERROR", null), "SKETCH_FORMAT_ERROR"),
        "no SQLSTATE");
    assertListed(new Stated("SKETCH_FORMAT_ERROR", "22P03"), "SKETCH_FORMAT_ERROR");
  }

  /** A thrown condition with a given SQLSTATE, to prove the checker. */
  private static final class Stated extends RuntimeException implements SparkThrowable {
    private static final long serialVersionUID = 1L;
    private final String condition;
    private final String sqlState;

    Stated(String condition, String sqlState) {
      super(condition);
      this.condition = condition;
      this.sqlState = sqlState;
    }

    @Override
    public String getCondition() {
      return condition;
    }

    @Override
    public String getSqlState() {
      return sqlState;
    }
  }

  @Test
  void everyRuntimeConditionIsListedWithItsSqlState() {
    for (SketchesSparkException.Condition c : SketchesSparkException.Condition.values()) {
      assertEquals(c.sqlState(), documented.get(c.name()), c.name());
    }
  }

  @Test
  void anOutOfRangeLiteralIsValueOutOfRange() {
    AnalysisException e = analysisError("SELECT sk_hll(id, 3) FROM range(10)");
    assertListed(e, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    assertEquals("`precision`", e.getMessageParameters().get("exprName"));
    assertEquals("[4, 18]", e.getMessageParameters().get("valueRange"));
    assertEquals("3", e.getMessageParameters().get("currentValue"));
    assertEquals("\"sk_hll(id, 3)\"", e.getMessageParameters().get("sqlExpr"));
  }

  @Test
  void aWrongArgumentCountIsWrongNumArgs() {
    AnalysisException e = analysisError("SELECT sk_sample(id) FROM range(10)");
    assertListed(e, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    assertEquals("`sk_sample(expr, k [, seed])`", e.getMessageParameters().get("functionName"));
    assertEquals("2 to 3", e.getMessageParameters().get("expectedNum"));
    assertEquals("1", e.getMessageParameters().get("actualNum"));
  }

  @Test
  void aColumnWhereALiteralBelongsIsNonFoldableInput() {
    AnalysisException e = analysisError("SELECT sk_sample(id, id) FROM range(10)");
    assertListed(e, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    assertEquals("`k`", e.getMessageParameters().get("inputName"));
    assertEquals("\"id\"", e.getMessageParameters().get("inputExpr"));
  }

  @Test
  void aWrongInputOrLiteralTypeIsUnexpectedInputType() {
    AnalysisException e = analysisError("SELECT sk_estimate(CAST(id AS STRING)) FROM range(10)");
    assertListed(e, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    assertEquals("first", e.getMessageParameters().get("paramIndex"));
    assertEquals("\"STRING\"", e.getMessageParameters().get("inputType"));
    e = analysisError("SELECT sk_sample(id, 'ten') FROM range(10)");
    assertListed(e, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    assertEquals("second", e.getMessageParameters().get("paramIndex"));
    assertEquals("\"INT\"", e.getMessageParameters().get("requiredType"));
    assertListed(
        analysisError("SELECT sk_sample(id, NULL) FROM range(10)"),
        "DATATYPE_MISMATCH.UNEXPECTED_NULL");
    assertListed(
        analysisError("SELECT sk_sample_values(sk_sample(id, 3), 'array<int>') FROM range(10)"),
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE");
    assertListed(
        analysisError("SELECT sk_cms(id, 1e-9, 1e-9) FROM range(10)"),
        "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT");
  }

  @Test
  void aCorruptSketchIsSketchFormatErrorWithTheCoreReasonAsCause() {
    SparkThrowable e = runtimeError("SELECT sk_estimate(CAST('not a sketch at all' AS BINARY))");
    assertListed(e, "SKETCH_FORMAT_ERROR");
    Throwable cause = ((Throwable) e).getCause();
    assertTrue(cause instanceof SketchFormatException, String.valueOf(cause));
    assertTrue(cause.getMessage().contains("not a sketch: magic"), cause.getMessage());
    assertEquals(cause.getMessage(), e.getMessageParameters().get("reason"));
    // bytes of another kind are refused the same way
    assertListed(
        runtimeError("SELECT sk_estimate(sk_cms(id)) FROM range(10)"), "SKETCH_FORMAT_ERROR");
  }

  @Test
  void sketchesThatCannotMergeAreIncompatibleSketches() {
    SparkThrowable e =
        runtimeError(
            "SELECT sk_merge(s) FROM (SELECT sk_cms(id, 0.01, 0.01, 1) AS s FROM range(10)"
                + " UNION ALL SELECT sk_cms(id, 0.01, 0.01, 2) FROM range(10))");
    assertListed(e, "INCOMPATIBLE_SKETCHES");
    assertTrue(((Throwable) e).getCause() instanceof IncompatibleSketchException);
  }

  @Test
  void aRowTheSketchRefusesIsInvalidSketchInput() {
    SparkThrowable e =
        runtimeError("SELECT sk_linreg(array(CAST('NaN' AS DOUBLE)), 1.0D) FROM range(1)");
    assertListed(e, "INVALID_SKETCH_INPUT");
    assertTrue(((Throwable) e).getMessage().contains("NaN"), ((Throwable) e).getMessage());
  }

  @Test
  void aTypedReadOfAnotherItemStoreIsSampleItemTypeMismatch() {
    SparkThrowable e =
        runtimeError(
            "SELECT sk_sample_values(sk_sample(CAST(id AS STRING), 3), 'bigint') FROM range(10)");
    assertListed(e, "STORED_ITEM_TYPE_MISMATCH");
    String message = ((Throwable) e).getMessage();
    assertTrue(
        message.contains("the sample's items are stored as strings, which BIGINT is not"), message);
    assertFalse(message.contains("null"), message);
  }
}
