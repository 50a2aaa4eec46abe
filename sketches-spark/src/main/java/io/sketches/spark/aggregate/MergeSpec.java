package io.sketches.spark.aggregate;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.format.Sketches;
import io.sketches.spark.input.StoredBytes;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_merge(sketch_bytes)}: the union of stored sketches of any one kind (rollups: hourly
 * sketches into a daily one), read by the core registry of type ids ({@link
 * Sketches#fromByteArray}). Mixing kinds, or sketches that cannot merge (different seeds, widths,
 * dimensions), fails with a message naming both; bytes the core refuses fail with a {@link
 * SketchFormatException} naming {@code sk_merge} ({@link StoredBytes}) before anything of them is
 * merged.
 */
@SuppressWarnings("unchecked")
public record MergeSpec<S extends Sketch<S>>() implements SketchSpec<S> {
  public static final String NAME = "sk_merge";

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
    if (sketch instanceof HyperLogLog && Sketches.hasTypeHint(bytes, SketchType.HYPERLOGLOG)) {
      // the stored sketch is validated whole, then folded in without being built (the rollup hot
      // path): refused bytes leave the buffer as it was
      try {
        return (S) ((HyperLogLog) sketch).mergeBytes(bytes);
      } catch (SketchFormatException e) {
        throw StoredBytes.refused(NAME, e);
      }
    }
    return merge(sketch, (S) StoredBytes.read(NAME, bytes));
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
      throw new IncompatibleSketchException(
          NAME
              + " cannot merge a "
              + other.getClass().getSimpleName()
              + " into a "
              + into.getClass().getSimpleName()
              + "; merge sketches of one kind per group");
    }
    return into.merge(other);
  }

  @Override
  public S fromBytes(byte[] bytes) {
    return (S) Sketches.fromByteArray(bytes);
  }

  /** A HyperLogLog drops its single-stream estimator, as {@code sk_hll}'s result does. */
  @Override
  public S finish(S sketch) {
    return sketch instanceof HyperLogLog ? (S) ((HyperLogLog) sketch).discardMartingale() : sketch;
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
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return TypeMismatch.unlessBinary(types, "sketch");
  }
}
