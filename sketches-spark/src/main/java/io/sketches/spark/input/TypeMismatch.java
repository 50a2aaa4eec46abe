package io.sketches.spark.input;

/**
 * An input of a type the function does not take, found by an analysis-time type check: which
 * argument it is (0-based) and what the argument requires, worded as Spark prints types ({@code
 * "BINARY"}) with our words where one type name is not enough. The expressions report it as Spark's
 * {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}.
 *
 * @param argument the position of the argument in the call, from 0
 * @param requiredType what it should have been, e.g. {@code "BINARY" (HyperLogLog sketch bytes)}
 */
public record TypeMismatch(int argument, String requiredType) {}
