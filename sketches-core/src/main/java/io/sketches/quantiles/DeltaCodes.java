package io.sketches.quantiles;

import io.sketches.SketchFormatException;
import java.util.Arrays;

/**
 * The sorted keys of one level as Golomb–Rice-like codes of their gaps (S. Golomb, "Run-length
 * encodings", IEEE Trans. Inf. Theory 12(3), 1966; R. Rice 1979): the gaps d (from the minimum to
 * the first key, then between neighbours, as unsigned 64-bit numbers) lose the trailing zero bits
 * they all share ({@code shift}; integers stored as doubles share many), then each d' = d >>> shift
 * is written as its quotient q = d' >>> b and its low b bits. The quotient is written as the Elias
 * gamma code of q + 1 (P. Elias, "Universal codeword sets and representations of the integers",
 * IEEE Trans. Inf. Theory 21(2), 1975: N − 1 one bits, a zero bit, then the low N − 1 bits of q + 1
 * with N its bit length) rather than Rice's unary, so one huge gap (between the negative and the
 * positive doubles) costs about 2·log2 of its quotient, not the quotient itself. The writer picks
 * the b that writes the fewest bits: a key costs about log2(range / size) + 2 bits, against 64 raw
 * or 8 per 7 bits as varints. The parameter b is at least {@link #MIN_PARAMETER}, so every key
 * costs at least 4 bits: a reader allocates at most 2 keys (16 bytes) per input byte.
 */
final class DeltaCodes {
  static final int MIN_PARAMETER = 3;

  private DeltaCodes() {}

  /** The shared trailing zeros of the gaps of {@code keys[from..to)} from {@code base}. */
  static int shift(long[] keys, int from, int to, long base) {
    long bits = 0;
    long previous = base;
    for (int i = from; i < to; i++) {
      bits |= keys[i] - previous;
      previous = keys[i];
    }
    return bits == 0 ? 0 : Long.numberOfTrailingZeros(bits);
  }

  /** The parameter b in [{@value #MIN_PARAMETER}, 63] that writes the fewest bits. */
  static int parameter(long[] keys, int from, int to, long base, int shift) {
    long largest = 0;
    long previous = base;
    for (int i = from; i < to; i++) {
      largest |= (keys[i] - previous) >>> shift;
      previous = keys[i];
    }
    int best = MIN_PARAMETER;
    long bestBits = Long.MAX_VALUE;
    int longest = 64 - Long.numberOfLeadingZeros(largest);
    for (int b = MIN_PARAMETER; b <= Math.max(MIN_PARAMETER, longest); b++) {
      long bits = 0;
      previous = base;
      for (int i = from; i < to; i++) {
        bits += quotientBits(((keys[i] - previous) >>> shift) >>> b) + b;
        previous = keys[i];
      }
      if (bits < bestBits) {
        bestBits = bits;
        best = b;
      }
    }
    return best;
  }

  /** The length of the gamma code of q + 1. */
  private static int quotientBits(long quotient) {
    return 2 * (64 - Long.numberOfLeadingZeros(quotient + 1)) - 1;
  }

  /** Bits appended to a growable byte array, low bit first. */
  static final class BitSink {
    private byte[] bytes;
    private long bitCount;

    BitSink(int capacityBytes) {
      bytes = new byte[Math.max(16, capacityBytes)];
    }

    void write(long value, int width) {
      for (int i = 0; i < width; i++) {
        writeBit((value >>> i) & 1);
      }
    }

    private void writeBit(long bit) {
      int index = (int) (bitCount >>> 3);
      if (index == bytes.length) {
        bytes = Arrays.copyOf(bytes, 2 * bytes.length);
      }
      bytes[index] |= (byte) (bit << (bitCount & 7));
      bitCount++;
    }

    /** Writes the gaps of {@code keys[from..to)} from {@code base}. */
    void writeLevel(long[] keys, int from, int to, long base, int shift, int parameter) {
      long previous = base;
      for (int i = from; i < to; i++) {
        long gap = (keys[i] - previous) >>> shift;
        previous = keys[i];
        long quotientPlusOne = (gap >>> parameter) + 1;
        int length = 64 - Long.numberOfLeadingZeros(quotientPlusOne);
        write(-1L, length - 1);
        writeBit(0);
        write(quotientPlusOne, length - 1);
        write(gap, parameter);
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, (int) ((bitCount + 7) >>> 3));
    }
  }

  /** Bits read from a byte array, low bit first; running past the end is a format error. */
  static final class BitSource {
    private final byte[] bytes;
    private long position;

    BitSource(byte[] bytes) {
      this.bytes = bytes;
    }

    private long readBit() {
      if (position >>> 3 >= bytes.length) {
        throw new SketchFormatException("truncated item codes");
      }
      long bit = (bytes[(int) (position >>> 3)] >>> (position & 7)) & 1;
      position++;
      return bit;
    }

    /**
     * The next key of a level: the previous key plus a gap, refused unless it stays ≤ {@code
     * maxKey}.
     */
    long readKey(long previous, long maxKey, int shift, int parameter, boolean checkBound) {
      int length = 1;
      while (readBit() == 1) {
        length++;
        if (length > 64 - parameter) {
          throw new SketchFormatException("an item gap overflows 64 bits");
        }
      }
      long quotientPlusOne = 1L << (length - 1);
      for (int i = 0; i < length - 1; i++) {
        quotientPlusOne |= readBit() << i;
      }
      long quotient = quotientPlusOne - 1;
      long low = 0;
      for (int i = 0; i < parameter; i++) {
        low |= readBit() << i;
      }
      long scaled = quotient << parameter | low;
      if (Long.numberOfLeadingZeros(scaled) < shift) {
        throw new SketchFormatException("an item gap overflows 64 bits");
      }
      long gap = scaled << shift;
      if (checkBound && Long.compareUnsigned(gap, maxKey - previous) > 0) {
        throw new SketchFormatException("an item is above the maximum");
      }
      return previous + gap;
    }

    /** Throws unless only zero padding bits of the last byte remain. */
    void expectEnd() {
      if ((position + 7) >>> 3 != bytes.length) {
        throw new SketchFormatException(
            (bytes.length - ((position + 7) >>> 3)) + " unexpected trailing bytes after the items");
      }
      for (long i = position; i < 8L * bytes.length; i++) {
        if (readBit() != 0) {
          throw new SketchFormatException("padding bits after the items are not zero");
        }
      }
    }
  }
}
