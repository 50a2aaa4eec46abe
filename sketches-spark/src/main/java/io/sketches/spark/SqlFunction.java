package io.sketches.spark;

import java.util.function.Function;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * One {@code sk_*} SQL function: its name, the usage text {@code DESCRIBE FUNCTION} shows, and the
 * builder that turns the call's arguments into a {@link SketchAggregate} or {@link SketchScalar}
 * (validating literal configuration on the way).
 */
record SqlFunction(String name, String usage, Function<Arguments, Expression> builder) {}
