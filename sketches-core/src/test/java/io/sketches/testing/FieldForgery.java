package io.sketches.testing;

import io.sketches.SketchFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Structure-aware mutations of one field of a valid body, the header's length and CRC32C recomputed
 * ({@link FormatForgery#withHeader}): a 1-, 2-, 4- or 8-byte field at any offset overwritten with
 * 0, −1, 2^31, 2^63 − 1, a huge or tiny double, or one bit flipped. For tests that check what an
 * accepted forgery then answers.
 */
public final class FieldForgery {
  private static final long[] LONGS = {0, -1, 1L << 31, Long.MAX_VALUE, 0xFFFF_FFFFL};
  private static final double[] DOUBLES = {
    1e300, -1e300, 1e-310, Double.MAX_VALUE, 0x1p600, 1e154, -0.0, 4.9e-324, 1e20
  };

  private FieldForgery() {}

  /**
   * Reads {@code tries} mutations of the genuine arrays in turn (seeded); each one the reader
   * accepts goes to {@code check}, whose failure is rethrown with the exact bytes in hex. Returns
   * how many were accepted.
   */
  public static <S> int checkAccepted(
      byte[][] genuine, int tries, Function<byte[], S> reader, Consumer<S> check) {
    Random random = new Random(15);
    int accepted = 0;
    for (int i = 0; i < tries; i++) {
      byte[] bytes = mutate(genuine[i % genuine.length], random);
      S read;
      try {
        read = reader.apply(bytes);
      } catch (SketchFormatException refused) {
        continue;
      }
      accepted++;
      try {
        check.accept(read);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("accepted " + HexFormat.of().formatHex(bytes) + ": " + e, e);
      }
    }
    return accepted;
  }

  public static byte[] mutate(byte[] genuine, Random random) {
    byte[] body = Arrays.copyOfRange(genuine, 16, genuine.length);
    if (body.length == 0) {
      return genuine.clone();
    }
    ByteBuffer buffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    int width = new int[] {1, 2, 4, 8, 8}[random.nextInt(5)];
    int at = random.nextInt(Math.max(1, body.length - width + 1));
    if (width > body.length || random.nextInt(4) == 0) {
      int bit = random.nextInt(8 * body.length);
      body[bit >>> 3] ^= (byte) (1 << (bit & 7));
    } else if (width == 8 && random.nextBoolean()) {
      buffer.putDouble(at, DOUBLES[random.nextInt(DOUBLES.length)]);
    } else {
      long value = LONGS[random.nextInt(LONGS.length)];
      for (int i = 0; i < width; i++) {
        body[at + i] = (byte) (value >>> (8 * i));
      }
    }
    return FormatForgery.withHeader(genuine, body);
  }
}
