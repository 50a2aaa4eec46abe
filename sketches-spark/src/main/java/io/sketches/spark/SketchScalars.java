package io.sketches.spark;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import io.sketches.sampling.ReservoirSampler;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** The scalar functions over stored HLL, Count-Min and sample bytes. */
final class SketchScalars {
  private SketchScalars() {}

  static String checkSketch(String function, String kind, DataType type) {
    return type instanceof BinaryType ? null
        : function + " takes " + kind + " sketch bytes (BINARY); got " + type.sql();
  }

  /** {@code sk_estimate(hll)}: the distinct-count estimate as a DOUBLE. */
  record Estimate() implements ScalarSpec {
    static final String NAME = "sk_estimate";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return DataTypes.DoubleType;
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      return checkSketch(NAME, "HyperLogLog", types.get(0));
    }

    @Override
    public Object apply(Object[] inputs) {
      return HyperLogLog.fromByteArray((byte[]) inputs[0]).estimate();
    }
  }

  /**
   * {@code sk_bounds(hll, std_devs)}: STRUCT&lt;estimate, lower, upper&gt; at 1, 2 or 3 standard
   * errors.
   */
  record Bounds(int stdDevs) implements ScalarSpec {
    static final String NAME = "sk_bounds";
    static final StructType TYPE = new StructType()
        .add("estimate", DataTypes.DoubleType, false)
        .add("lower", DataTypes.DoubleType, false)
        .add("upper", DataTypes.DoubleType, false);

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return TYPE;
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      return checkSketch(NAME, "HyperLogLog", types.get(0));
    }

    @Override
    public Object apply(Object[] inputs) {
      HyperLogLog hll = HyperLogLog.fromByteArray((byte[]) inputs[0]);
      return new GenericInternalRow(new Object[] {
          hll.estimate(), hll.lowerBound(stdDevs), hll.upperBound(stdDevs)});
    }
  }

  /** {@code sk_frequency(cms, item)}: the Count-Min estimate of the item's count, a BIGINT. */
  record Frequency() implements ScalarSpec {
    static final String NAME = "sk_frequency";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return DataTypes.LongType;
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      String error = checkSketch(NAME, "Count-Min", types.get(0));
      return error != null ? error : Items.checkItemType(NAME, types.get(1));
    }

    @Override
    public Object apply(Object[] inputs) {
      return CountMinSketch.fromByteArray((byte[]) inputs[0]).estimateHash(Items.hash(inputs[1]));
    }
  }

  /**
   * {@code sk_sample_values(sample)}: the sampled items as {@code ARRAY<STRING>} (numbers in
   * their shortest round-tripping form, binary as base64), since the item type is only known from
   * the bytes; cast the elements back with {@code transform}.
   */
  record SampleValues() implements ScalarSpec {
    static final String NAME = "sk_sample_values";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return DataTypes.createArrayType(DataTypes.StringType, false);
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      return checkSketch(NAME, "sample", types.get(0));
    }

    @Override
    public Object apply(Object[] inputs) {
      List<?> sample = ReservoirSampler.fromByteArray((byte[]) inputs[0]).sample();
      Object[] values = new Object[sample.size()];
      for (int i = 0; i < values.length; i++) {
        Object item = sample.get(i);
        values[i] = UTF8String.fromString(item instanceof byte[]
            ? java.util.Base64.getEncoder().encodeToString((byte[]) item) : item.toString());
      }
      return new GenericArrayData(values);
    }
  }

  static boolean isIntegral(DataType type) {
    return type instanceof IntegralType;
  }
}
