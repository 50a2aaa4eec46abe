package io.sketches.spark;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import io.sketches.cardinality.HyperLogLog;
import java.util.List;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_merge(sketch_bytes)}: the union of stored sketches of any one kind (rollups: hourly
 * sketches into a daily one), dispatching on the type id in each sketch's header. Mixing kinds,
 * or sketches that cannot merge (different seeds, widths, dimensions), fails with a message naming
 * both.
 */
@SuppressWarnings("unchecked")
record MergeSpec<S extends Sketch<S>>() implements SketchSpec<S> {
  static final String NAME = "sk_merge";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public S create() {
    return null;
  }

  @Override
  public S update(S sketch, Object input, Object second) {
    byte[] bytes = (byte[]) input;
    if (sketch instanceof HyperLogLog && SketchKinds.isHyperLogLog(bytes)) {
      // the stored sketch is validated and folded in without being built (the rollup hot path)
      return (S) ((HyperLogLog) sketch).mergeBytes(bytes);
    }
    return merge(sketch, (S) SketchKinds.read(bytes));
  }

  @Override
  public S merge(S into, S other) {
    if (into == null) {
      return other;
    }
    if (other == null) {
      return into;
    }
    if (into.getClass() != other.getClass()) {
      throw new IncompatibleSketchException(NAME + " cannot merge a " + SketchKinds.kindOf(other)
          + " into a " + SketchKinds.kindOf(into) + "; merge sketches of one kind per group");
    }
    return into.merge(other);
  }

  @Override
  public S fromBytes(byte[] bytes) {
    return (S) SketchKinds.read(bytes);
  }

  @Override
  public S finish(S sketch) {
    return (S) SketchKinds.finish(sketch);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(S sketch) {
    return sketch == null ? null : sketch.toByteArray();
  }

  @Override
  public String checkInputTypes(List<DataType> types) {
    return types.get(0) instanceof BinaryType ? null
        : NAME + " merges sketch bytes (BINARY); got " + types.get(0).sql();
  }
}
