package io.sketches.bench.spark;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
import io.sketches.spark.aggregate.SketchAggregate;
import io.sketches.spark.aggregate.SketchSpec;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * {@code floor_object_agg(z)}: the fastest any top-k aggregate of Spark's object-buffer kind can
 * be, registered in the benchmark session only. It is {@code sk_frequent(z)} with the summary's
 * update taken out: the same {@link SketchAggregate} reads each row, evaluates and converts the
 * item, and drops it; buffers are created, merged, serialized and returned as for {@code
 * sk_frequent}. {@code approx_top_k} is an aggregate of the same kind ({@code
 * TypedImperativeAggregate}, planned into the same object hash aggregation), so no change to our
 * summary can make {@code sk_heavy_hitters} faster than this row: its rows/s ÷ {@code
 * approx_top_k}'s bound every ratio the section reports.
 */
final class ObjectAggregateFloor {
  static final String NAME = "floor_object_agg";

  private ObjectAggregateFloor() {}

  /** The spec: {@code sk_frequent}'s summary of longs, never updated. */
  record FloorSpec() implements SketchSpec<HeavyHitters<Object>> {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public HeavyHitters<Object> create() {
      return HeavyHitters.withMaxItemsTracked(
          HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED, (ItemSerde<Object>) ItemType.INTEGRAL.serde());
    }

    @Override
    public HeavyHitters<Object> update(HeavyHitters<Object> sketch, Object item, Object unused) {
      ItemType.INTEGRAL.toItem(item); // the conversion every item-keeping aggregate pays
      return sketch;
    }

    @Override
    @SuppressWarnings("unchecked")
    public HeavyHitters<Object> fromBytes(byte[] bytes) {
      return HeavyHitters.fromByteArray(bytes, (ItemSerde<Object>) ItemType.INTEGRAL.serde());
    }

    @Override
    public DataType resultType() {
      return DataTypes.BinaryType;
    }

    @Override
    public Object result(HeavyHitters<Object> sketch) {
      return (sketch == null ? create() : sketch).toByteArray();
    }

    @Override
    public TypeMismatch checkInputTypes(List<DataType> types) {
      return ItemType.check(types.get(0), 0);
    }
  }

  /** Registers {@code floor_object_agg(expr)} as a temporary function of {@code spark}. */
  static void register(SparkSession spark) {
    ((org.apache.spark.sql.classic.SparkSession) spark)
        .sessionState()
        .functionRegistry()
        .registerFunction(
            FunctionIdentifier.apply(NAME, Option.apply("session"), Option.apply("system")),
            new ExpressionInfo(ObjectAggregateFloor.class.getName(), NAME),
            new Builder());
  }

  private static final class Builder extends AbstractFunction1<Seq<Expression>, Expression>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Expression apply(Seq<Expression> args) {
      return SketchAggregate.of(new FloorSpec(), CollectionConverters.asJava(args));
    }
  }
}
