package io.sketches.quantiles;

import io.sketches.SketchFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

  /**
   * The parameter b in [{@value #MIN_PARAMETER}, 63] that writes the fewest bits (the smallest such
   * b on a tie), counted for every b at once from three histograms of the gaps, in O(size + 64²).
   * For a gap d' of bit length L, with t leading one bits, the gamma code of (d' >>> b) + 1 is 2g −
   * 1 bits long, where g, the bit length of (d' >>> b) + 1, is L − b while b < L − t, L − b + 1
   * while L − t ≤ b < L (the shifted gap is all ones, so adding one carries), and 1 once b ≥ L.
   */
  static int parameter(long[] keys, int from, int to, long base, int shift) {
    int[] withLength = new int[65]; // gaps by bit length L
    int[] carryFrom = new int[65]; // gaps by L − t, the first b whose quotient is all ones
    long previous = base;
    int longest = 0;
    for (int i = from; i < to; i++) {
      long gap = (keys[i] - previous) >>> shift;
      previous = keys[i];
      int length = 64 - Long.numberOfLeadingZeros(gap);
      int leadingOnes = length == 0 ? 0 : Long.numberOfLeadingZeros(~(gap << (64 - length)));
      withLength[length]++;
      carryFrom[length - leadingOnes]++;
      longest = Math.max(longest, length);
    }
    int size = to - from;
    // Σ g = Σ over L > b of (L − b) + the gaps whose carry starts at or below b (L − t ≤ b),
    // kept for b = MIN_PARAMETER, MIN_PARAMETER + 1, ... as sums over the histograms
    long countAbove = 0;
    long lengthAbove = 0;
    long carriesBelow = 0;
    for (int length = 0; length <= 64; length++) {
      if (length > MIN_PARAMETER) {
        countAbove += withLength[length];
        lengthAbove += (long) withLength[length] * length;
      } else {
        carriesBelow += carryFrom[length];
      }
    }
    int best = MIN_PARAMETER;
    long bestBits = Long.MAX_VALUE;
    for (int b = MIN_PARAMETER; b <= Math.max(MIN_PARAMETER, longest); b++) {
      if (b > MIN_PARAMETER) { // length b moves from above to below
        countAbove -= withLength[b];
        lengthAbove -= (long) withLength[b] * b;
        carriesBelow += carryFrom[b];
      }
      long lengths = lengthAbove - b * countAbove + carriesBelow;
      long bits = 2 * lengths - size + (long) size * b;
      if (bits < bestBits) {
        bestBits = bits;
        best = b;
      }
    }
    return best;
  }

  /** Bits appended to a growable byte array, low bit first, 64 at a time. */
  static final class BitSink {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int filledBytes;
    private long pending; // the next bits, low first
    private int pendingBits; // 0..63

    BitSink(int capacityBytes) {
      bytes = new byte[Math.max(16, capacityBytes)];
    }

    /** Appends the low {@code width} bits of {@code value}, width in [0, 64]. */
    void write(long value, int width) {
      if (width == 0) {
        return;
      }
      long bits = width == 64 ? value : value & ((1L << width) - 1);
      pending |= bits << pendingBits;
      int total = pendingBits + width;
      if (total >= 64) {
        if (filledBytes + 8 > bytes.length) {
          bytes = Arrays.copyOf(bytes, 2 * bytes.length + 8);
        }
        LONGS.set(bytes, filledBytes, pending);
        filledBytes += 8;
        pending = pendingBits == 0 ? 0 : bits >>> (64 - pendingBits);
        total -= 64;
      }
      pendingBits = total;
    }

    /** Writes the gaps of {@code keys[from..to)} from {@code base}. */
    void writeLevel(long[] keys, int from, int to, long base, int shift, int parameter) {
      long previous = base;
      for (int i = from; i < to; i++) {
        long gap = (keys[i] - previous) >>> shift;
        previous = keys[i];
        long quotientPlusOne = (gap >>> parameter) + 1;
        int length = 64 - Long.numberOfLeadingZeros(quotientPlusOne);
        write((1L << (length - 1)) - 1, length); // length − 1 one bits, then a zero
        write(quotientPlusOne, length - 1);
        write(gap, parameter);
      }
    }

    byte[] toByteArray() {
      byte[] out = Arrays.copyOf(bytes, filledBytes + (pendingBits + 7) / 8);
      for (int i = 0; filledBytes + i < out.length; i++) {
        out[filledBytes + i] = (byte) (pending >>> (8 * i));
      }
      return out;
    }
  }

  /** Bits read from a byte array, low bit first; running past the end is a format error. */
  static final class BitSource {
    private final byte[] bytes;
    private final long bitLength;
    private long position;

    BitSource(byte[] bytes) {
      this.bytes = bytes;
      this.bitLength = 8L * bytes.length;
    }

    /** The 64 bits from {@code position} on, zeros past the end. */
    private long window() {
      int index = (int) (position >>> 3);
      int offset = (int) (position & 7);
      long word;
      if (index + 8 <= bytes.length) {
        word = (long) BitSink.LONGS.get(bytes, index) >>> offset;
        if (offset != 0 && index + 8 < bytes.length) {
          word |= (long) (bytes[index + 8] & 0xFF) << (64 - offset);
        }
        return word;
      }
      word = 0;
      for (int i = index; i < bytes.length; i++) {
        word |= (long) (bytes[i] & 0xFF) << (8 * (i - index));
      }
      return word >>> offset;
    }

    /** The next {@code width} bits, width in [0, 64]. */
    private long read(int width) {
      if (width == 0) {
        return 0;
      }
      if (position + width > bitLength) {
        throw new SketchFormatException("truncated item codes");
      }
      long bits = window();
      if (width < 64) {
        bits &= (1L << width) - 1;
      }
      position += width;
      return bits;
    }

    /**
     * The next key of a level: the previous key plus a gap, refused unless it stays ≤ {@code
     * maxKey}.
     */
    long readKey(long previous, long maxKey, int shift, int parameter, boolean checkBound) {
      int limit = 64 - parameter; // a quotient of more bits overflows
      int ones = Long.numberOfTrailingZeros(~window()); // zeros past the end stop the run
      if (ones >= limit) {
        throw new SketchFormatException("an item gap overflows 64 bits");
      }
      if (position + ones >= bitLength) {
        throw new SketchFormatException("truncated item codes");
      }
      position += ones + 1;
      int length = ones + 1;
      long quotientPlusOne = 1L << (length - 1) | read(length - 1);
      long quotient = quotientPlusOne - 1;
      long low = read(parameter);
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
      if (position < bitLength && window() != 0) {
        throw new SketchFormatException("padding bits after the items are not zero");
      }
    }
  }
}
