package io.sketches.spark.scalar;

import io.sketches.spark.input.TypeMismatch;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.DataType;

/**
 * What one scalar {@code sk_*} function over sketch bytes computes ({@code sk_estimate}, {@code
 * sk_frequency}, ...): the per-function part of the generic {@link SketchScalar} expression.
 * Implementations are immutable and compare by value ({@link StoredSketchFunction} is an enum).
 */
public interface ScalarSpec extends Serializable {

  /** The SQL function name. */
  String functionName();

  DataType resultType();

  /** {@code null} if the inputs have acceptable types, otherwise the argument and its type. */
  TypeMismatch checkInputTypes(List<DataType> types);

  /**
   * The result in Catalyst form for non-null inputs (a null input gives a null result before this
   * is called).
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a sketch of the right kind
   */
  Object apply(Object[] inputs);
}
