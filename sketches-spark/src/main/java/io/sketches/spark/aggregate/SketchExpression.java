package io.sketches.spark.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
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
   * an error message or null, and turns the answer into Catalyst's {@link TypeCheckResult}.
   */
  static TypeCheckResult checkInputs(
      Seq<Expression> children, Function<List<DataType>, String> check) {
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
