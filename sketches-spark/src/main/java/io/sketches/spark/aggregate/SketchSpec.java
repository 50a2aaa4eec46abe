package io.sketches.spark.aggregate;

import io.sketches.Sketch;
import io.sketches.spark.input.TypeMismatch;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;

/**
 * What one sketch aggregate does, with its literal configuration already applied: the empty sketch,
 * how one input row updates it, how stored bytes become a sketch, and what the aggregate returns.
 * It is the only per-sketch code of the Spark module: {@link SketchAggregate} (SQL and {@code
 * Column} functions) and {@link io.sketches.spark.SketchAggregator} (typed Datasets) are generic
 * over it.
 *
 * <p>Implementations are immutable records, so two calls with the same configuration are equal
 * (Catalyst deduplicates equal aggregates) and different configurations never are.
 *
 * @param <S> the sketch type
 */
public interface SketchSpec<S extends Sketch<S>> extends Serializable {

  /** The SQL function name, for messages. */
  String name();

  /** Number of data inputs: 1, or 2 for (features, label). */
  default int arity() {
    return 1;
  }

  /**
   * The configured empty sketch, or {@code null} when the sketch is sized by its first input (the
   * dimension of a feature array) and is created by {@link #update}.
   */
  S create();

  /**
   * Folds one row into {@code sketch} and returns the sketch (created first when {@code sketch} is
   * {@code null}). Inputs are never null (rows with a null input are skipped before); they are
   * Catalyst values ({@code UTF8String}, {@code ArrayData}, boxed primitives, {@code byte[]}) or
   * the equivalent Java values ({@code String}, {@code double[]}) on the typed path.
   *
   * @throws IllegalArgumentException naming the value if the row cannot be added (a NaN feature)
   */
  S update(S sketch, Object input, Object second);

  /**
   * Whether {@link #updateHash} replaces {@link #update}: the sketch only needs each item's {@link
   * io.sketches.hash.ItemHash}, so {@link SketchAggregate} hashes column values straight from the
   * row (a {@code UTF8String} in place, a long unboxed).
   */
  default boolean updatesByHash() {
    return false;
  }

  /**
   * Folds one item, given by its item hash, into a non-null sketch (see {@link #updatesByHash}).
   */
  default S updateHash(S sketch, long itemHash) {
    throw new UnsupportedOperationException(name() + " does not update by hash");
  }

  /**
   * Whether {@link #update} keeps string items as Java strings and is worth a decode cache: {@link
   * SketchAggregate} then hands it each row's {@code UTF8String} already decoded by a {@link
   * io.sketches.spark.input.StringItems}, so a repeated string is decoded once (top-k inputs
   * repeat).
   */
  default boolean decodesRepeatedStrings() {
    return false;
  }

  /**
   * Whether {@link #updateFeatures} replaces {@link #update}: the inputs are a feature array and a
   * numeric label, which {@link SketchAggregate} reads from the row into a reused {@code double[]}
   * ({@link io.sketches.spark.input.FeatureReader}) without building or boxing the array.
   */
  default boolean updatesByFeatures() {
    return false;
  }

  /**
   * Folds one row given as finite features and label into {@code sketch} (created first when it is
   * {@code null}); {@code features} is reused for the next row, so the sketch must not keep it.
   *
   * @throws IllegalArgumentException naming the row if it cannot be added (a wrong dimension)
   */
  default S updateFeatures(S sketch, double[] features, double label) {
    throw new UnsupportedOperationException(name() + " does not update by features");
  }

  /**
   * How {@link SketchAggregate} folds each row's {@code input} straight from the row into a
   * non-null sketch, replacing {@link #update} (a primitive column read unboxed, the reader picked
   * once): {@code null}, the default, evaluates the input and calls {@link #update}.
   */
  default RowUpdate<S> rowUpdate(Expression input) {
    return null;
  }

  /** One row folded into a sketch from the row (see {@link #rowUpdate}), skipping NULL inputs. */
  @FunctionalInterface
  interface RowUpdate<S> {
    void update(S sketch, InternalRow row);
  }

  /** Reads a sketch of this kind; {@link io.sketches.SketchFormatException} for anything else. */
  S fromBytes(byte[] bytes);

  /** Folds {@code other} into {@code into}; either may be {@code null} (no row yet). */
  default S merge(S into, S other) {
    if (into == null) {
      return other;
    }
    if (other == null) {
      return into;
    }
    return into.merge(other);
  }

  /**
   * The sketch as handed out: HyperLogLog drops its single-stream estimator here, so the result
   * does not depend on how Spark partitioned the rows.
   */
  default S finish(S sketch) {
    return sketch;
  }

  /** The Spark type of {@link #result}. */
  DataType resultType();

  /** The aggregate's value in Catalyst form; {@code sketch} is {@code null} if no row was seen. */
  Object result(S sketch);

  /**
   * {@code null} if the aggregate accepts inputs of these types, otherwise the argument of the
   * wrong type and what it requires.
   */
  TypeMismatch checkInputTypes(List<DataType> types);
}
