package io.sketches.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32C;

/** Makes byte arrays that pass the header and checksum checks but carry a damaged body. */
public final class FormatForgery {
  private FormatForgery() {}

  /**
   * Keeps the header of {@code genuine} (magic, version, type, flags), replaces or damages the body
   * in one of several ways, and writes a matching body length and CRC32C.
   */
  public static byte[] mangleBody(byte[] genuine, Random random) {
    byte[] body = java.util.Arrays.copyOfRange(genuine, 16, genuine.length);
    switch (random.nextInt(5)) {
      case 0: // entirely random body of random length
        body = new byte[random.nextInt(2 * body.length + 16)];
        random.nextBytes(body);
        break;
      case 1: // a few random bytes changed
        for (int i = 0, n = 1 + random.nextInt(4); i < n && body.length > 0; i++) {
          body[random.nextInt(body.length)] = (byte) random.nextInt();
        }
        break;
      case 2: // truncated body
        body = java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
        break;
      case 3: // extra bytes appended
        body = java.util.Arrays.copyOf(body, body.length + 1 + random.nextInt(16));
        break;
      default: // a huge value planted where a length or count may sit
        if (body.length >= 8) {
          int at = random.nextInt(body.length - 7);
          long huge = random.nextBoolean() ? Long.MAX_VALUE : 0xFFFF_FFFFL + random.nextInt(1000);
          ByteBuffer.wrap(body, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(huge);
        }
        break;
    }
    return withHeader(genuine, body);
  }

  /** {@code body} behind the first 12 header bytes of {@code template}, with length and CRC. */
  public static byte[] withHeader(byte[] template, byte[] body) {
    byte[] bytes = new byte[16 + body.length];
    System.arraycopy(template, 0, bytes, 0, 8);
    System.arraycopy(body, 0, bytes, 16, body.length);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(8, body.length);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 12);
    crc.update(bytes, 16, body.length);
    header.putInt(12, (int) crc.getValue());
    return bytes;
  }
}
