package io.sketches.spark.input;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * How a row value becomes a feature vector or a label for the model aggregates, {@code sk_predict}
 * and {@code sk_cluster_id}: numeric arrays as {@code double[]}, checked for nulls, NaN and
 * infinity, and the analysis checks of their types. Refusals name the function and the row's
 * values.
 */
public final class Features {
  private Features() {}

  /** The error for argument {@code argument} that cannot be a feature vector, or {@code null}. */
  public static TypeMismatch checkFeaturesType(DataType type, int argument) {
    return type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType
        ? null
        : new TypeMismatch(argument, "\"ARRAY<DOUBLE>\" (or another numeric array) features");
  }

  /** The error for a label (argument {@code argument}) that is not numeric, or {@code null}. */
  public static TypeMismatch checkNumericType(DataType type, int argument) {
    return type instanceof NumericType
        ? null
        : new TypeMismatch(argument, "numeric (\"DOUBLE\" or another number) label");
  }

  /**
   * The features of one row as doubles.
   *
   * @throws IllegalArgumentException naming the row's values if one is null, NaN or infinite
   */
  public static double[] features(String function, Object value) {
    double[] x;
    if (value instanceof ArrayData) { // the builders cast feature arrays to ARRAY<DOUBLE>
      ArrayData array = (ArrayData) value;
      x = new double[array.numElements()];
      for (int i = 0; i < x.length; i++) {
        if (array.isNullAt(i)) {
          throw new IllegalArgumentException(
              function
                  + ": feature "
                  + i
                  + " is null in "
                  + Arrays.toString(array.toObjectArray(DataTypes.DoubleType)));
        }
        x[i] = array.getDouble(i);
      }
    } else if (value instanceof double[]) {
      x = ((double[]) value).clone();
    } else {
      throw new IllegalArgumentException(
          function + ": features must be an array of doubles; got " + value.getClass().getName());
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            function
                + ": feature "
                + i
                + " is "
                + x[i]
                + " in "
                + Arrays.toString(x)
                + "; features must be finite");
      }
    }
    return x;
  }

  /**
   * A numeric Catalyst or Java value as a double.
   *
   * @throws IllegalArgumentException if it is not a number or not finite
   */
  public static double number(String function, Object value) {
    double v;
    if (value instanceof Number) {
      v = ((Number) value).doubleValue();
    } else if (value instanceof org.apache.spark.sql.types.Decimal) {
      v = ((org.apache.spark.sql.types.Decimal) value).toDouble();
    } else {
      throw new IllegalArgumentException(function + ": not a number: " + value);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(function + ": value " + v + " is not finite");
    }
    return v;
  }

  /** Refuses a row whose feature count differs from the model's, naming the row. */
  public static void checkDimension(String function, int dimension, double[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException(
          function
              + ": the model has "
              + dimension
              + " features but this row has "
              + x.length
              + ": "
              + Arrays.toString(x));
    }
  }
}
