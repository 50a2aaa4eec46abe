package io.sketches.spark.input;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.CreateArray;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DoubleType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The (features, label) of one row read straight into a reused {@code double[]}, for the model
 * aggregates ({@link io.sketches.spark.aggregate.SketchSpec#updatesByFeatures}): {@code array(x1,
 * …, xd)} of double columns is read column by column with {@code getDouble} (Spark never builds the
 * array, no value is boxed), a double label likewise, and any other array expression is evaluated
 * once and its elements read with {@code getDouble}. A null array or label skips the row, as {@link
 * io.sketches.spark.aggregate.SketchAggregate} skips nulls; a null or non-finite feature or label
 * is refused with exactly the message of {@link Features#features} and {@link Features#number},
 * naming the row's values.
 *
 * <p>One reader belongs to one deserialized aggregate (one task, one thread), like {@link
 * RowHasher}: the array it fills is valid until the next {@link #read}. Sketches copy it.
 */
public final class FeatureReader {
  private final String function;
  private final Expression features;
  private final Expression label;

  /** The children of {@code array(...)} when they are all doubles; null otherwise. */
  private final Expression[] columns;

  /** Their ordinals in the input row when they are plain columns, −1 when evaluated. */
  private final int[] ordinals;

  /** The label's ordinal when it is a plain double column, −1 when evaluated. */
  private final int labelOrdinal;

  private double[] x;
  private double y;

  public FeatureReader(String function, Expression features, Expression label) {
    this.function = function;
    this.features = features;
    this.label = label;
    this.labelOrdinal = doubleColumn(label);
    Expression[] children = null;
    if (features instanceof CreateArray) {
      children = CollectionConverters.asJava(features.children()).toArray(new Expression[0]);
      for (Expression child : children) {
        if (!(child.dataType() instanceof DoubleType)) {
          children = null;
          break;
        }
      }
    }
    this.columns = children;
    this.ordinals = new int[children == null ? 0 : children.length];
    for (int i = 0; i < ordinals.length; i++) {
      ordinals[i] = doubleColumn(children[i]);
    }
    this.x = new double[ordinals.length];
  }

  private static int doubleColumn(Expression e) {
    return e instanceof BoundReference && e.dataType() instanceof DoubleType
        ? ((BoundReference) e).ordinal()
        : -1;
  }

  /** The features of the last row read; overwritten by the next {@link #read}. */
  public double[] features() {
    return x;
  }

  /** The label of the last row read. */
  public double label() {
    return y;
  }

  /**
   * Reads one row; false if the row is skipped (null features or label).
   *
   * @throws IllegalArgumentException naming the row's values if a feature is null or a feature or
   *     the label is not finite
   */
  public boolean read(InternalRow row) {
    ArrayData array = null;
    if (columns == null) {
      array = (ArrayData) features.eval(row);
      if (array == null) {
        return false;
      }
    }
    if (labelOrdinal >= 0) {
      if (row.isNullAt(labelOrdinal)) {
        return false;
      }
      y = row.getDouble(labelOrdinal);
      if (!Double.isFinite(y)) {
        Features.number(function, y); // throws
      }
    } else {
      Object value = label.eval(row);
      if (value == null) {
        return false;
      }
      y = Features.number(function, value);
    }
    boolean finite = array == null ? readColumns(row) : readArray(array);
    if (!finite) {
      // a null or non-finite feature: the generic path names the whole row
      Features.features(function, array == null ? features.eval(row) : array);
      throw new IllegalStateException(function + ": refused feature not found again");
    }
    return true;
  }

  /** Reads the children of {@code array(...)}; false at a null or non-finite one. */
  private boolean readColumns(InternalRow row) {
    final double[] x = this.x;
    for (int i = 0; i < x.length; i++) {
      int ordinal = ordinals[i];
      double value;
      if (ordinal >= 0) {
        if (row.isNullAt(ordinal)) {
          return false;
        }
        value = row.getDouble(ordinal);
      } else {
        Object v = columns[i].eval(row);
        if (v == null) {
          return false;
        }
        value = (Double) v;
      }
      if (!Double.isFinite(value)) {
        return false;
      }
      x[i] = value;
    }
    return true;
  }

  /** Reads an evaluated array; false at a null or non-finite element. */
  private boolean readArray(ArrayData array) {
    int n = array.numElements();
    if (x.length != n) {
      x = new double[n];
    }
    final double[] x = this.x;
    for (int i = 0; i < n; i++) {
      if (array.isNullAt(i)) {
        return false;
      }
      double value = array.getDouble(i);
      if (!Double.isFinite(value)) {
        return false;
      }
      x[i] = value;
    }
    return true;
  }
}
