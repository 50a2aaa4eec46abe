package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The code parameter counted from histograms is the one the direct count picks, and the word-wide
 * bit writer and reader agree with a bit-at-a-time model of the same code.
 */
class DeltaCodesTest {
  /** The direct count: every b, every gap. */
  private static int parameterByCounting(long[] keys, int from, int to, long base, int shift) {
    long largest = 0;
    long previous = base;
    for (int i = from; i < to; i++) {
      largest |= (keys[i] - previous) >>> shift;
      previous = keys[i];
    }
    int best = DeltaCodes.MIN_PARAMETER;
    long bestBits = Long.MAX_VALUE;
    int longest = 64 - Long.numberOfLeadingZeros(largest);
    for (int b = DeltaCodes.MIN_PARAMETER; b <= Math.max(DeltaCodes.MIN_PARAMETER, longest); b++) {
      long bits = 0;
      previous = base;
      for (int i = from; i < to; i++) {
        long quotientPlusOne = (((keys[i] - previous) >>> shift) >>> b) + 1;
        bits += 2 * (64 - Long.numberOfLeadingZeros(quotientPlusOne)) - 1 + b;
        previous = keys[i];
      }
      if (bits < bestBits) {
        bestBits = bits;
        best = b;
      }
    }
    return best;
  }

  /** Sorted keys from one of several shapes: spread, clustered, all-ones gaps, equal, huge. */
  private static long[] keys(SplittableRandom random, int shape, int size) {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] =
          switch (shape) {
            case 0 -> random.nextLong();
            case 1 -> random.nextLong(1L << random.nextInt(1, 62));
            case 2 -> (long) i * ((1L << random.nextInt(1, 40)) - 1); // gaps of all one bits
            case 3 -> 42;
            default -> random.nextLong(1000) << random.nextInt(0, 50);
          };
    }
    Arrays.sort(keys);
    return keys;
  }

  @Test
  void theHistogramCountPicksTheParameterOfTheDirectCount() {
    SplittableRandom random = new SplittableRandom(20261208);
    for (int trial = 0; trial < 5000; trial++) {
      long[] keys = keys(random, trial % 5, random.nextInt(1, 300));
      long base = keys[0] - (trial % 3 == 0 ? 0 : random.nextLong(1L << 40));
      int shift = DeltaCodes.shift(keys, 0, keys.length, base);
      assertEquals(
          parameterByCounting(keys, 0, keys.length, base, shift),
          DeltaCodes.parameter(keys, 0, keys.length, base, shift),
          "trial " + trial);
    }
  }

  @Test
  void writtenKeysReadBackAndTheBitsAreLowFirst() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2000; trial++) {
      long[] keys = keys(random, trial % 5, random.nextInt(1, 200));
      long base = keys[0];
      int shift = DeltaCodes.shift(keys, 0, keys.length, base);
      int parameter = DeltaCodes.parameter(keys, 0, keys.length, base, shift);
      DeltaCodes.BitSink sink = new DeltaCodes.BitSink(1);
      sink.writeLevel(keys, 0, keys.length, base, shift, parameter);
      byte[] bytes = sink.toByteArray();
      assertArrayEquals(bitAtATime(keys, base, shift, parameter), bytes, "trial " + trial);
      DeltaCodes.BitSource source = new DeltaCodes.BitSource(bytes);
      long previous = base;
      for (long key : keys) {
        previous = source.readKey(previous, keys[keys.length - 1], shift, parameter, true);
        assertEquals(key, previous);
      }
      source.expectEnd();
    }
  }

  /** The code written one bit at a time, as the format defines it. */
  private static byte[] bitAtATime(long[] keys, long base, int shift, int parameter) {
    StringBuilder bits = new StringBuilder();
    long previous = base;
    for (long key : keys) {
      long gap = (key - previous) >>> shift;
      previous = key;
      long quotientPlusOne = (gap >>> parameter) + 1;
      int length = 64 - Long.numberOfLeadingZeros(quotientPlusOne);
      bits.append("1".repeat(length - 1)).append('0');
      for (int i = 0; i < length - 1; i++) {
        bits.append((quotientPlusOne >>> i) & 1);
      }
      for (int i = 0; i < parameter; i++) {
        bits.append((gap >>> i) & 1);
      }
    }
    byte[] bytes = new byte[(bits.length() + 7) / 8];
    for (int i = 0; i < bits.length(); i++) {
      if (bits.charAt(i) == '1') {
        bytes[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return bytes;
  }
}
