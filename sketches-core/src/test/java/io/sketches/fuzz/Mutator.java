package io.sketches.fuzz;

import io.sketches.format.SketchFormat;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Seeded, structure-aware mutations of valid sketch bytes. Each mutant keeps the magic, and gets
 * its header's body length and CRC32C recomputed ({@link #seal}), so that only the readers'
 * structural checks stand between the bytes and a sketch. Positions favour the header's version,
 * type and flags bytes and the first bytes of the body, where shapes, counts and modes live.
 */
final class Mutator {
  /** What a mutation made: the bytes, sealed, and a description for the defect record. */
  record Mutant(byte[] bytes, String description) {}

  private static final int LENGTH_AND_CHECKSUM_START = 8;
  private static final int HEAD_WINDOW = 48;
  private static final int FIELD_SCAN_BYTES = 4096;

  static final long[] INTERESTING_INTS = {
    0,
    1,
    2,
    -1,
    0x7F,
    0x80,
    0xFF,
    0x7FFF,
    0x8000,
    0xFFFF,
    1 << 16,
    1 << 20,
    1 << 24,
    1 << 26,
    1 << 28,
    (1 << 28) + 1,
    Integer.MAX_VALUE,
    1L << 31,
    10_000,
    65_537
  };

  static final long[] INTERESTING_LONGS = {
    0,
    1,
    -1,
    Integer.MAX_VALUE,
    1L << 31,
    1L << 32,
    1L << 53,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Long.MAX_VALUE - 1,
    1L << 62
  };

  static final double[] INTERESTING_DOUBLES = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    1e300,
    -1e300,
    1e154,
    1e-300,
    -0.0,
    0.0,
    1.0,
    -1.0,
    0.5,
    1.0000000000000002
  };

  private enum Kind {
    BIT_FLIP,
    BYTE,
    SHORT,
    INT,
    LONG,
    DOUBLE,
    VARINT,
    ADD,
    HEADER,
    TRUNCATE,
    EXTEND,
    INSERT,
    DELETE,
    SPLICE
  }

  private static final Kind[] KINDS = Kind.values();

  private Mutator() {}

  /**
   * One mutant of {@code genuine}: a single mutation, or two to four stacked, chosen by {@code
   * random}; {@code donors} are other types' valid bytes for splices.
   */
  static Mutant mutate(byte[] genuine, SplittableRandom random, List<byte[]> donors) {
    int rounds = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
    byte[] bytes = genuine;
    StringBuilder description = new StringBuilder();
    for (int round = 0; round < rounds; round++) {
      Mutant next = once(bytes, random, donors);
      bytes = next.bytes();
      description.append(round == 0 ? "" : " + ").append(next.description());
    }
    return new Mutant(seal(bytes), description.toString());
  }

  private static Mutant once(byte[] genuine, SplittableRandom random, List<byte[]> donors) {
    byte[] bytes = genuine.clone();
    Kind kind = KINDS[random.nextInt(KINDS.length)];
    int bodyLength = bytes.length - SketchFormat.HEADER_BYTES;
    switch (kind) {
      case BIT_FLIP -> {
        int flips = 1 + random.nextInt(4);
        StringBuilder at = new StringBuilder("bit flips at");
        for (int i = 0; i < flips; i++) {
          int position = position(random, bytes.length, 1);
          int bit = random.nextInt(8);
          bytes[position] ^= (byte) (1 << bit);
          at.append(' ').append(position).append('.').append(bit);
        }
        return new Mutant(bytes, at.toString());
      }
      case BYTE, SHORT, INT, LONG -> {
        int size = kind == Kind.BYTE ? 1 : kind == Kind.SHORT ? 2 : kind == Kind.INT ? 4 : 8;
        long[] values = size == 8 ? INTERESTING_LONGS : INTERESTING_INTS;
        long value = values[random.nextInt(values.length)];
        int position =
            size >= 4 && random.nextBoolean()
                ? fieldPosition(bytes, size, false, random)
                : position(random, bytes.length, size);
        writeLittleEndian(bytes, position, size, value);
        return new Mutant(bytes, size + "-byte field at " + position + " := " + value);
      }
      case DOUBLE -> {
        double value = INTERESTING_DOUBLES[random.nextInt(INTERESTING_DOUBLES.length)];
        int position =
            random.nextBoolean()
                ? fieldPosition(bytes, 8, true, random)
                : position(random, bytes.length, 8);
        writeLittleEndian(bytes, position, 8, Double.doubleToRawLongBits(value));
        return new Mutant(bytes, "double at " + position + " := " + value);
      }
      case VARINT -> {
        long[] values = random.nextBoolean() ? INTERESTING_INTS : INTERESTING_LONGS;
        long value = values[random.nextInt(values.length)];
        int position = bodyPosition(random, bytes.length);
        int end = position;
        while (end < bytes.length && (bytes[end] & 0x80) != 0 && end - position < 9) {
          end++;
        }
        end = Math.min(end + 1, bytes.length);
        byte[] varint = varint(value);
        return new Mutant(
            replace(bytes, position, end, varint),
            "varint at " + position + " := " + Long.toUnsignedString(value));
      }
      case ADD -> {
        int size = new int[] {1, 4, 8}[random.nextInt(3)];
        int delta = (1 + random.nextInt(16)) * (random.nextBoolean() ? 1 : -1);
        int position = position(random, bytes.length, size);
        writeLittleEndian(bytes, position, size, readLittleEndian(bytes, position, size) + delta);
        return new Mutant(bytes, size + "-byte field at " + position + " += " + delta);
      }
      case HEADER -> {
        int position = 4 + random.nextInt(4);
        int value = random.nextInt(4) == 0 ? random.nextInt(256) : 1 << random.nextInt(8);
        value = random.nextBoolean() ? value : (bytes[position] ^ value) & 0xFF;
        if (position == 5 && random.nextBoolean()) {
          value = 1 + random.nextInt(9); // another sketch type's reader
        }
        bytes[position] = (byte) value;
        return new Mutant(bytes, "header byte " + position + " := " + value);
      }
      case TRUNCATE -> {
        int keep = bodyLength == 0 ? 0 : random.nextInt(bodyLength);
        return new Mutant(
            Arrays.copyOf(bytes, SketchFormat.HEADER_BYTES + keep), "body truncated to " + keep);
      }
      case EXTEND -> {
        byte[] tail = randomBytes(random, 1 + random.nextInt(16));
        return new Mutant(
            replace(bytes, bytes.length, bytes.length, tail), tail.length + " bytes appended");
      }
      case INSERT -> {
        int position = bodyPosition(random, bytes.length);
        byte[] inserted = randomBytes(random, 1 + random.nextInt(8));
        return new Mutant(
            replace(bytes, position, position, inserted),
            inserted.length + " bytes inserted at " + position);
      }
      case DELETE -> {
        int position = bodyPosition(random, bytes.length);
        int end = Math.min(bytes.length, position + 1 + random.nextInt(8));
        return new Mutant(
            replace(bytes, position, end, new byte[0]),
            (end - position) + " bytes deleted at " + position);
      }
      case SPLICE -> {
        byte[] donor = donors.get(random.nextInt(donors.size()));
        int from = bodyPosition(random, bytes.length);
        int donorFrom = bodyPosition(random, donor.length);
        byte[] tail = Arrays.copyOfRange(donor, donorFrom, donor.length);
        return new Mutant(
            replace(bytes, from, bytes.length, tail),
            "body from "
                + from
                + " replaced by another type's body from "
                + donorFrom
                + " (type "
                + donor[5]
                + ")");
      }
      default -> throw new AssertionError(kind);
    }
  }

  /**
   * A position for a field of {@code size} bytes: one time in eight in header bytes 4..7 (version,
   * type, flags), else in the body, most often in its first 16 or 48 bytes.
   */
  private static int position(SplittableRandom random, int length, int size) {
    if (length - size < SketchFormat.HEADER_BYTES || random.nextInt(8) == 0) {
      return 4 + random.nextInt(4);
    }
    return bodyPosition(random, length - size);
  }

  /** A position in the body up to {@code last} (the end included), head-biased. */
  private static int bodyPosition(SplittableRandom random, int last) {
    int choice = random.nextInt(4);
    int window =
        choice == 0
            ? Math.min(last, SketchFormat.HEADER_BYTES + 16)
            : choice == 1 ? Math.min(last, SketchFormat.HEADER_BYTES + HEAD_WINDOW) : last;
    return SketchFormat.HEADER_BYTES + random.nextInt(window - SketchFormat.HEADER_BYTES + 1);
  }

  /**
   * A body position where {@code size} bytes already look like a field worth forging, chosen
   * uniformly among the first {@value #FIELD_SCAN_BYTES}: a double of ordinary magnitude (a weight,
   * an estimate, a coordinate) or a small positive integer (a shape, a count, a k); any head-biased
   * position if there is none.
   */
  private static int fieldPosition(
      byte[] bytes, int size, boolean doubles, SplittableRandom random) {
    int chosen = -1;
    int seen = 0;
    int end = Math.min(bytes.length - size, SketchFormat.HEADER_BYTES + FIELD_SCAN_BYTES);
    for (int at = SketchFormat.HEADER_BYTES; at <= end; at++) {
      long raw = readLittleEndian(bytes, at, size);
      boolean looksLikeField;
      if (doubles) {
        double magnitude = Math.abs(Double.longBitsToDouble(raw));
        looksLikeField = magnitude >= 1e-8 && magnitude <= 1e8;
      } else {
        looksLikeField = raw >= 1 && raw <= 1 << 20;
      }
      if (looksLikeField && random.nextInt(++seen) == 0) {
        chosen = at;
      }
    }
    return chosen >= 0 ? chosen : position(random, bytes.length, size);
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    if (random.nextBoolean()) {
      for (int i = 0; i < length; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
    } else if (random.nextBoolean()) {
      Arrays.fill(bytes, (byte) 0xFF);
    }
    return bytes;
  }

  private static byte[] replace(byte[] bytes, int from, int to, byte[] replacement) {
    byte[] result = new byte[bytes.length - (to - from) + replacement.length];
    System.arraycopy(bytes, 0, result, 0, from);
    System.arraycopy(replacement, 0, result, from, replacement.length);
    System.arraycopy(bytes, to, result, from + replacement.length, bytes.length - to);
    return result;
  }

  static byte[] varint(long value) {
    byte[] encoded = new byte[10];
    int length = 0;
    while ((value & ~0x7FL) != 0) {
      encoded[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    encoded[length++] = (byte) value;
    return Arrays.copyOf(encoded, length);
  }

  private static void writeLittleEndian(byte[] bytes, int position, int size, long value) {
    for (int i = 0; i < size; i++) {
      bytes[position + i] = (byte) (value >>> (8 * i));
    }
  }

  private static long readLittleEndian(byte[] bytes, int position, int size) {
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = value << 8 | (bytes[position + i] & 0xFFL);
    }
    return value;
  }

  /**
   * Writes the body length and CRC32C of {@code bytes} into its header, as {@code SketchWriter}
   * does, so the header checks pass whatever the body holds. Arrays shorter than a header are left
   * as they are.
   */
  static byte[] seal(byte[] bytes) {
    if (bytes.length < SketchFormat.HEADER_BYTES) {
      return bytes;
    }
    writeLittleEndian(
        bytes, LENGTH_AND_CHECKSUM_START, 4, bytes.length - SketchFormat.HEADER_BYTES);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 12);
    crc.update(bytes, SketchFormat.HEADER_BYTES, bytes.length - SketchFormat.HEADER_BYTES);
    writeLittleEndian(bytes, 12, 4, crc.getValue());
    return bytes;
  }
}
