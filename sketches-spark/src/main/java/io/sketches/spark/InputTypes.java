package io.sketches.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** The analysis-time type check shared by our aggregate and scalar expressions. */
final class InputTypes {
  private InputTypes() {}

  /**
   * Passes the children's data types to {@code check}, which returns an error message or null,
   * and turns the answer into Catalyst's {@link TypeCheckResult}.
   */
  static TypeCheckResult check(Seq<Expression> children, Function<List<DataType>, String> check) {
    List<DataType> types = new ArrayList<>();
    for (Expression child : CollectionConverters.asJava(children)) {
      types.add(child.dataType());
    }
    String error = check.apply(types);
    return error == null
        ? TypeCheckResult.TypeCheckSuccess$.MODULE$
        : new TypeCheckResult.TypeCheckFailure(error);
  }
}
