package io.sketches.spark;

import io.sketches.IncompatibleSketchException;
import io.sketches.SketchFormatException;
import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * A failure of an {@code sk_*} function while a query runs, as Spark reports its own: a named
 * condition ({@link #getCondition()}) and a SQLSTATE ({@link #getSqlState()}) that tools and users
 * match on, with the core library's exception as the cause ({@link SketchFormatException}, {@link
 * IncompatibleSketchException}, or the {@link IllegalArgumentException} that refused a row), so its
 * reason stays in the chain. The conditions are listed in {@code docs/sql-functions.md}.
 *
 * <p>The core library knows nothing of Spark; the Spark module wraps its exceptions where a task
 * runs sketch code ({@link #wrap}). Errors found at analysis (wrong argument count, a non-literal
 * or out-of-range configuration, a wrong input type) are Spark's own conditions on an {@code
 * AnalysisException}, not this class.
 */
public final class SketchesSparkException extends RuntimeException implements SparkThrowable {
  private static final long serialVersionUID = 1L;

  /** The conditions of the module's runtime failures, each with its SQLSTATE. */
  public enum Condition {
    /**
     * Bytes that are not a sketch, or a sketch of another kind than the function reads: class 22
     * (data exception), subclass P03 "invalid binary representation".
     */
    SKETCH_FORMAT_ERROR("22P03"),
    /**
     * Sketches that cannot merge (different seeds, widths, dimensions or item types, or two kinds
     * in one {@code sk_merge} group): 22000, data exception.
     */
    INCOMPATIBLE_SKETCHES("22000"),
    /**
     * A row the sketch refuses (a NaN or infinite feature, a feature array of another length than
     * the model's): 22023, invalid parameter value.
     */
    INVALID_SKETCH_INPUT("22023"),
    /**
     * Stored items (of a sample or a heavy hitters summary) that are not of the SQL type a typed
     * read names ({@code sk_sample_values(sample, 'bigint')} or {@code sk_top_k(summary, k,
     * 'bigint')} over strings), or an item looked up in a summary that stores items otherwise
     * ({@code sk_frequency}): 2200G, most specific type mismatch.
     */
    STORED_ITEM_TYPE_MISMATCH("2200G");

    private final String sqlState;

    Condition(String sqlState) {
      this.sqlState = sqlState;
    }

    public String sqlState() {
      return sqlState;
    }
  }

  private final Condition condition;
  private final String reason;

  /** A failure of {@code condition} whose reason is the cause's message. */
  public SketchesSparkException(Condition condition, RuntimeException cause) {
    this(condition, String.valueOf(cause.getMessage()), cause);
  }

  /** A failure of {@code condition} for {@code reason}, found by the Spark module itself. */
  public SketchesSparkException(Condition condition, String reason) {
    this(condition, reason, null);
  }

  private SketchesSparkException(Condition condition, String reason, RuntimeException cause) {
    super("[" + condition + "] " + reason + " SQLSTATE: " + condition.sqlState(), cause);
    this.condition = condition;
    this.reason = reason;
  }

  /**
   * The exception a task throws for {@code e}: a {@link SketchesSparkException} for the core's
   * refusals ({@link SketchFormatException}, {@link IncompatibleSketchException}, {@link
   * IllegalArgumentException}), {@code e} itself for anything else (a bug, which should not be
   * disguised as bad data) or if it already is one.
   */
  public static RuntimeException wrap(RuntimeException e) {
    if (e instanceof SketchFormatException) {
      return new SketchesSparkException(Condition.SKETCH_FORMAT_ERROR, e);
    }
    if (e instanceof IncompatibleSketchException) {
      return new SketchesSparkException(Condition.INCOMPATIBLE_SKETCHES, e);
    }
    if (e instanceof IllegalArgumentException) {
      return new SketchesSparkException(Condition.INVALID_SKETCH_INPUT, e);
    }
    return e;
  }

  @Override
  public String getCondition() {
    return condition.name();
  }

  @Override
  @SuppressWarnings("deprecation")
  public String getErrorClass() {
    return getCondition();
  }

  @Override
  public String getSqlState() {
    return condition.sqlState();
  }

  /** {@code reason}: what was refused and why (the core library's message, if it refused). */
  @Override
  public Map<String, String> getMessageParameters() {
    return Map.of("reason", reason);
  }
}
