package io.sketches.spark.aggregate;

import io.sketches.spark.input.TypeMismatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.errors.QueryCompilationErrors;
import org.apache.spark.sql.types.DataType;
import scala.Product;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Catalyst base of the module's expressions ({@link SketchAggregate}, {@link HllAggregate},
 * {@link io.sketches.spark.scalar.SketchScalar}): Catalyst treats an expression as a Scala case
 * class, a {@link Product} whose elements are its constructor fields, and matches, copies, prints
 * and deduplicates expressions through them. An implementation lists its {@link #fields()} once;
 * the product methods come from here, and its {@code equals} is {@link #equal} (Catalyst's {@code
 * TreeNode.hashCode} already hashes the product elements).
 *
 * <p>The three expressions extend different Spark classes ({@code Expression}, {@code
 * ImperativeAggregate}, {@code TypedImperativeAggregate}), so this is an interface: what Java
 * allows them to share.
 */
public interface SketchExpression extends Product {

  /** The fields that identify the expression, in constructor order (the product elements). */
  Object[] fields();

  @Override
  default int productArity() {
    return fields().length;
  }

  @Override
  default Object productElement(int n) {
    Object[] fields = fields();
    if (n < 0 || n >= fields.length) {
      throw new IndexOutOfBoundsException(String.valueOf(n));
    }
    return fields[n];
  }

  @Override
  default boolean canEqual(Object other) {
    return other != null && other.getClass() == getClass();
  }

  /** Case-class equality: the same class and equal fields. */
  static boolean equal(SketchExpression self, Object other) {
    if (self == other) {
      return true;
    }
    if (other == null || other.getClass() != self.getClass()) {
      return false;
    }
    Object[] mine = self.fields();
    Object[] theirs = ((SketchExpression) other).fields();
    for (int i = 0; i < mine.length; i++) {
      if (!Objects.equals(mine[i], theirs[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The analysis-time type check: passes the children's data types to {@code check}, which returns
   * the mismatch or null, and turns the answer into Catalyst's {@link TypeCheckResult}: Spark's
   * {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}, as a built-in reports a wrong input type.
   */
  static TypeCheckResult checkInputs(
      Seq<Expression> children, Function<List<DataType>, TypeMismatch> check) {
    List<DataType> types = new ArrayList<>();
    for (Expression child : CollectionConverters.asJava(children)) {
      types.add(child.dataType());
    }
    TypeMismatch error = check.apply(types);
    if (error == null) {
      return TypeCheckResult.TypeCheckSuccess$.MODULE$;
    }
    Expression input = children.apply(error.argument());
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("paramIndex", QueryCompilationErrors.ordinalNumber(error.argument()));
    parameters.put("requiredType", error.requiredType());
    parameters.put("inputSql", QueryCompilationErrors.toSQLExpr(input));
    parameters.put("inputType", QueryCompilationErrors.toSQLType(input.dataType()));
    return new TypeCheckResult.DataTypeMismatch(
        "UNEXPECTED_INPUT_TYPE",
        CollectionConverters.asScala(parameters).toMap(scala.$less$colon$less$.MODULE$.refl()));
  }
}
