package io.sketches;

import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import io.sketches.hash.ItemHash;
import java.util.Arrays;

/** The built-in {@link ItemSerde}s as constants, so each is one shared instance. */
final class BuiltInItemSerdes {
  private BuiltInItemSerdes() {}

  static final ItemSerde<Long> LONGS =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 1;
        }

        @Override
        public void write(SketchWriter out, Long item) {
          out.putLong(item);
        }

        @Override
        public Long read(SketchReader in) {
          return in.getLong();
        }

        @Override
        public long hash(Long item) {
          return ItemHash.hash(item.longValue());
        }
      };

  static final ItemSerde<Double> DOUBLES =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 2;
        }

        @Override
        public void write(SketchWriter out, Double item) {
          out.putDouble(item);
        }

        @Override
        public Double read(SketchReader in) {
          return in.getDouble();
        }

        @Override
        public long hash(Double item) {
          return ItemHash.hash(item.doubleValue());
        }

        @Override
        public boolean equal(Double a, Double b) {
          return ItemHash.canonicalBits(a) == ItemHash.canonicalBits(b);
        }
      };

  static final ItemSerde<String> STRINGS =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 3;
        }

        @Override
        public void write(SketchWriter out, String item) {
          out.putString(item);
        }

        @Override
        public String read(SketchReader in) {
          return in.getString();
        }

        @Override
        public long hash(String item) {
          return ItemHash.hash(item);
        }
      };

  static final ItemSerde<byte[]> BYTE_ARRAYS =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 4;
        }

        @Override
        public void write(SketchWriter out, byte[] item) {
          out.putLengthPrefixed(item);
        }

        @Override
        public byte[] read(SketchReader in) {
          return in.getLengthPrefixed();
        }

        @Override
        public long hash(byte[] item) {
          return ItemHash.hash(item);
        }

        @Override
        public boolean equal(byte[] a, byte[] b) {
          return Arrays.equals(a, b);
        }
      };

  static final ItemSerde<Integer> INTEGERS =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 5;
        }

        @Override
        public void write(SketchWriter out, Integer item) {
          out.putInt(item);
        }

        @Override
        public Integer read(SketchReader in) {
          return in.getInt();
        }

        @Override
        public long hash(Integer item) {
          return ItemHash.hash(item.intValue());
        }
      };
}
