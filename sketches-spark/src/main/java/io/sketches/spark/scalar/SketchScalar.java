package io.sketches.spark.scalar;

import io.sketches.spark.SketchesSparkException;
import io.sketches.spark.aggregate.SketchExpression;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The generic Catalyst expression behind every scalar {@code sk_*} function: evaluates its inputs,
 * returns null if any is null, otherwise applies its {@link ScalarSpec}; the core's refusals leave
 * it as a {@link SketchesSparkException} with a condition and SQLSTATE.
 */
public final class SketchScalar extends Expression
    implements SketchExpression, CodegenFallback, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final ScalarSpec spec;
  private final Seq<Expression> children;
  private transient Expression[] inputs;

  private SketchScalar(ScalarSpec spec, Seq<Expression> children) {
    this.spec = spec;
    this.children = children;
  }

  public static SketchScalar of(ScalarSpec spec, List<Expression> inputs) {
    return new SketchScalar(spec, CollectionConverters.asScala(inputs).toList());
  }

  @Override
  public Object eval(InternalRow row) {
    if (inputs == null) {
      inputs = CollectionConverters.asJava(children).toArray(new Expression[0]);
    }
    Object[] values = new Object[inputs.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = inputs[i].eval(row);
      if (values[i] == null) {
        return null;
      }
    }
    try {
      return spec.apply(values);
    } catch (RuntimeException e) {
      throw SketchesSparkException.wrap(e);
    }
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    return CodegenFallback.super.doGenCode(ctx, ev);
  }

  @Override
  public Seq<Expression> children() {
    return children;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public DataType dataType() {
    return spec.resultType();
  }

  @Override
  public String prettyName() {
    return spec.functionName();
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    return SketchExpression.checkInputs(children, spec::checkInputTypes);
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new SketchScalar(spec, newChildren.toList());
  }

  @Override
  public Object[] fields() {
    return new Object[] {spec, children};
  }

  @Override
  public boolean equals(Object o) {
    return SketchExpression.equal(this, o);
  }
}
