package io.sketches.spark.input;

import java.util.List;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;

/**
 * An input of a type the function does not take, found by an analysis-time type check: which
 * argument it is (0-based) and what the argument requires, worded as Spark prints types ({@code
 * "BINARY"}) with our words where one type name is not enough. The expressions report it as Spark's
 * {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}.
 *
 * @param argument the position of the argument in the call, from 0
 * @param requiredType what it should have been, e.g. {@code "BINARY" (HyperLogLog sketch bytes)}
 */
public record TypeMismatch(int argument, String requiredType) {

  /**
   * Null if the first argument is BINARY, else the mismatch naming what the bytes should hold.
   *
   * @param bytesOf what the bytes are, e.g. {@code "sample sketch"}
   */
  public static TypeMismatch unlessBinary(List<DataType> types, String bytesOf) {
    return types.get(0) instanceof BinaryType
        ? null
        : new TypeMismatch(0, "\"BINARY\" (" + bytesOf + " bytes)");
  }
}
