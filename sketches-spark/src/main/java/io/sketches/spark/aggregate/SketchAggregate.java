package io.sketches.spark.aggregate;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.spark.SketchesSparkException;
import io.sketches.spark.input.FeatureReader;
import io.sketches.spark.input.RowHasher;
import io.sketches.spark.input.StringItems;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.ImperativeAggregate;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The object-buffer Catalyst aggregate behind every {@code sk_*} SQL aggregate and {@link
 * io.sketches.spark.SketchFunctions} column function (except grouped {@code sk_distinct} at
 * precision ≤ 14, which uses the fixed-width buffer of {@link HllAggregate}): a {@link
 * TypedImperativeAggregate} whose buffer is a sketch object, updated in place per row with no
 * serialization, and written through the library's own byte format ({@link Sketch#toByteArray()})
 * once per partition and per state-store write. What the sketch is comes from its {@link
 * SketchSpec}; this class holds no per-sketch code.
 *
 * <p>Buffer bytes are the sketch's checksummed format (an empty array before the first row), so a
 * Structured Streaming state blob written by anything else fails with a {@link
 * SketchFormatException} naming the function, never with a wrong answer or an out-of-memory error.
 */
public final class SketchAggregate extends TypedImperativeAggregate<SketchAggregate.Buffer>
    implements SketchExpression, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] NO_SKETCH = new byte[0];

  /** The mutable aggregation buffer: the sketch, or {@code null} before the first row. */
  public static final class Buffer {
    Sketch<?> sketch;

    Buffer(Sketch<?> sketch) {
      this.sketch = sketch;
    }
  }

  private final SketchSpec<?> spec;
  private final Seq<Expression> children;
  private final int mutableAggBufferOffset;
  private final int inputAggBufferOffset;
  private transient Expression first;
  private transient Expression second;

  /** For sketches that update by item hash: how to hash the input column in place. */
  private transient RowHasher hasher;

  /** For (features, label) models: how to read both from the row into a reused array. */
  private transient FeatureReader reader;

  /** For sketches that read their input from the row themselves ({@link SketchSpec#rowUpdate}). */
  @SuppressWarnings("rawtypes")
  private transient SketchSpec.RowUpdate rows;

  /** For sketches that keep strings from a string column: the decode cache of repeated values. */
  private transient StringItems strings;

  private SketchAggregate(
      SketchSpec<?> spec, Seq<Expression> children, int mutableOffset, int inputOffset) {
    this.spec = spec;
    this.children = children;
    this.mutableAggBufferOffset = mutableOffset;
    this.inputAggBufferOffset = inputOffset;
  }

  /** The aggregate of {@code spec} over the data inputs {@code inputs} (literals excluded). */
  public static SketchAggregate of(SketchSpec<?> spec, List<Expression> inputs) {
    if (inputs.size() != spec.arity()) {
      throw new IllegalArgumentException(
          spec.name() + " takes " + spec.arity() + " data inputs: " + inputs.size());
    }
    return new SketchAggregate(spec, CollectionConverters.asScala(inputs).toList(), 0, 0);
  }

  public SketchSpec<?> spec() {
    return spec;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SketchSpec raw() {
    return (SketchSpec) spec;
  }

  private void bindInputs() {
    if (first == null) {
      first = children.apply(0);
      second = children.size() > 1 ? children.apply(1) : null;
      hasher = spec.updatesByHash() ? RowHasher.of(first) : null;
      reader = spec.updatesByFeatures() ? new FeatureReader(spec.name(), first, second) : null;
      strings = spec.decodesRepeatedStrings() ? new StringItems() : null;
      rows = hasher == null && reader == null ? spec.rowUpdate(first) : null;
    }
  }

  // ---- the aggregate ----

  @Override
  public Buffer createAggregationBuffer() {
    return new Buffer(spec.create());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Buffer update(Buffer buffer, InternalRow input) {
    try {
      return updateRow(buffer, input);
    } catch (RuntimeException e) {
      throw SketchesSparkException.wrap(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Buffer updateRow(Buffer buffer, InternalRow input) {
    bindInputs();
    if (rows != null) { // nulls are skipped there
      if (buffer.sketch == null) {
        buffer.sketch = spec.create();
      }
      rows.update(buffer.sketch, input);
      return buffer;
    }
    if (hasher != null) {
      if (!hasher.isNull(input)) { // nulls are skipped, as built-in aggregates skip them
        buffer.sketch = raw().updateHash(buffer.sketch, hasher.hash(input));
      }
      return buffer;
    }
    if (reader != null) {
      if (reader.read(input)) { // rows with a null input are skipped
        buffer.sketch = raw().updateFeatures(buffer.sketch, reader.features(), reader.label());
      }
      return buffer;
    }
    Object value = first.eval(input);
    if (value == null) {
      return buffer; // nulls are skipped, as built-in aggregates skip them
    }
    if (strings != null) {
      value = strings.decode((UTF8String) value);
    }
    Object other = null;
    if (second != null) {
      other = second.eval(input);
      if (other == null) {
        return buffer;
      }
    }
    buffer.sketch = raw().update(buffer.sketch, value, other);
    return buffer;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Buffer merge(Buffer buffer, Buffer input) {
    try {
      buffer.sketch = raw().merge(buffer.sketch, input.sketch);
    } catch (RuntimeException e) {
      throw SketchesSparkException.wrap(e);
    }
    return buffer;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object eval(Buffer buffer) {
    try {
      Sketch<?> sketch = buffer.sketch == null ? null : raw().finish(buffer.sketch);
      return raw().result(sketch);
    } catch (RuntimeException e) {
      throw SketchesSparkException.wrap(e);
    }
  }

  @Override
  public byte[] serialize(Buffer buffer) {
    return buffer.sketch == null ? NO_SKETCH : buffer.sketch.toByteArray();
  }

  @Override
  public Buffer deserialize(byte[] bytes) {
    if (bytes.length == 0) {
      return new Buffer(null);
    }
    try {
      return new Buffer(spec.fromBytes(bytes));
    } catch (SketchFormatException e) {
      throw SketchesSparkException.wrap(
          new SketchFormatException(
              "the aggregation state of "
                  + spec.name()
                  + " is not a sketch this function wrote"
                  + " (a checkpoint from another query or another library?): "
                  + e.getMessage(),
              e));
    }
  }

  // ---- the expression ----

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
    return spec.name();
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    return SketchExpression.checkInputs(children, spec::checkInputTypes);
  }

  @Override
  public int mutableAggBufferOffset() {
    return mutableAggBufferOffset;
  }

  @Override
  public int inputAggBufferOffset() {
    return inputAggBufferOffset;
  }

  @Override
  public ImperativeAggregate withNewMutableAggBufferOffset(int offset) {
    return new SketchAggregate(spec, children, offset, inputAggBufferOffset);
  }

  @Override
  public ImperativeAggregate withNewInputAggBufferOffset(int offset) {
    return new SketchAggregate(spec, children, mutableAggBufferOffset, offset);
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new SketchAggregate(
        spec, newChildren.toList(), mutableAggBufferOffset, inputAggBufferOffset);
  }

  @Override
  public Object[] fields() {
    return new Object[] {spec, children, mutableAggBufferOffset, inputAggBufferOffset};
  }

  @Override
  public boolean equals(Object o) {
    return SketchExpression.equal(this, o);
  }
}
