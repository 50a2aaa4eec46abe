package io.sketches.format;

import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import java.util.zip.CRC32C;

/**
 * The 16-byte header in front of every serialized sketch, and the checks that guard it.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "SKCH" (0x53 0x4B 0x43 0x48)
 *      4     1  serial version of this sketch type's body (1, 2, ...)
 *      5     1  sketch type id ({@link SketchType#id()})
 *      6     2  flags, meaning defined by the sketch type
 *      8     4  body length in bytes, unsigned
 *     12     4  CRC32C of bytes 0..11 followed by the body
 *     16     n  body
 * </pre>
 *
 * All integers are little-endian. The checksum covers the header fields as well as the body, so
 * every single-bit corruption anywhere in the array is detected. {@code docs/format.md} is the
 * specification; this class is its implementation.
 */
public final class SketchFormat {
  /** "SKCH" read as a little-endian int. */
  public static final int MAGIC = 0x48434B53;

  public static final int HEADER_BYTES = 16;

  /** Where the header keeps the one-byte sketch type id ({@link SketchType#id()}). */
  static final int TYPE_OFFSET = 5;

  static final int BODY_LENGTH_OFFSET = 8;
  static final int CHECKSUM_OFFSET = 12;

  private SketchFormat() {}

  /**
   * Starts a serialized sketch: the header is filled in by {@link SketchWriter#toByteArray()}.
   *
   * @param serialVersion the body layout version of this type, 1..255
   * @param flags type-specific flags, 0..0xFFFF
   */
  public static SketchWriter writer(SketchType type, int serialVersion, int flags) {
    return writer(type.id(), serialVersion, flags, 64);
  }

  /** As {@link #writer(SketchType, int, int)}, with a capacity hint for the body in bytes. */
  public static SketchWriter writer(SketchType type, int serialVersion, int flags, int bodyHint) {
    return writer(type.id(), serialVersion, flags, bodyHint);
  }

  /** For types outside {@link SketchType} (tests, extensions): the raw one-byte type id. */
  public static SketchWriter writer(int typeId, int serialVersion, int flags, int bodyHint) {
    if (typeId < 0
        || typeId > 0xFF
        || serialVersion < 1
        || serialVersion > 0xFF
        || flags < 0
        || flags > 0xFFFF) {
      throw new IllegalArgumentException(
          "header fields out of range: type "
              + typeId
              + ", version "
              + serialVersion
              + ", flags "
              + flags);
    }
    SketchWriter writer = new SketchWriter(HEADER_BYTES + Math.max(0, bodyHint));
    writer.putInt(MAGIC);
    writer.putByte(serialVersion);
    writer.putByte(typeId);
    writer.putShort(flags);
    writer.putInt(0); // body length, patched by toByteArray()
    writer.putInt(0); // checksum, patched by toByteArray()
    return writer;
  }

  /**
   * Checks the header and checksum of {@code bytes} and returns a reader positioned at the body.
   *
   * @param maxSerialVersion the newest body version this release can read
   * @throws SketchFormatException if the array is not a well-formed sketch of {@code expected}
   */
  public static SketchReader reader(byte[] bytes, SketchType expected, int maxSerialVersion) {
    return reader(bytes, expected.id(), expected.name(), maxSerialVersion);
  }

  /** For types outside {@link SketchType}: the raw one-byte type id and a name for messages. */
  public static SketchReader reader(
      byte[] bytes, int expectedTypeId, String typeName, int maxSerialVersion) {
    int typeId = peekType(bytes);
    if (typeId != expectedTypeId) {
      throw new SketchFormatException(
          "expected a "
              + typeName
              + " sketch (type id "
              + expectedTypeId
              + ") but found type id "
              + typeId);
    }
    int version = bytes[4] & 0xFF;
    if (version < 1 || version > maxSerialVersion) {
      throw new SketchFormatException(
          typeName
              + " serial version "
              + version
              + " is not supported by this release (1.."
              + maxSerialVersion
              + ")");
    }
    int flags = (bytes[6] & 0xFF) | (bytes[7] & 0xFF) << 8;
    return new SketchReader(bytes, HEADER_BYTES, bytes.length, version, flags);
  }

  /**
   * Checks magic, length and checksum and returns the sketch type id; {@link Sketches} dispatches
   * on it.
   *
   * @throws SketchFormatException if the array is not a well-formed serialized sketch
   */
  public static int peekType(byte[] bytes) {
    if (bytes == null) {
      throw new SketchFormatException("sketch bytes are null");
    }
    if (bytes.length < HEADER_BYTES) {
      throw new SketchFormatException(
          "a sketch has at least " + HEADER_BYTES + " bytes of header; got " + bytes.length);
    }
    int magic = SketchReader.intAt(bytes, 0);
    if (magic != MAGIC) {
      throw new SketchFormatException(
          String.format("not a sketch: magic is 0x%08x, expected 0x%08x (\"SKCH\")", magic, MAGIC));
    }
    long bodyLength = SketchReader.intAt(bytes, BODY_LENGTH_OFFSET) & 0xFFFFFFFFL;
    if (bodyLength != bytes.length - HEADER_BYTES) {
      throw new SketchFormatException(
          "header announces a body of "
              + bodyLength
              + " bytes but "
              + (bytes.length - HEADER_BYTES)
              + " follow");
    }
    int stored = SketchReader.intAt(bytes, CHECKSUM_OFFSET);
    int computed = checksum(bytes);
    if (stored != computed) {
      throw new SketchFormatException(
          String.format("checksum mismatch: stored 0x%08x, computed 0x%08x", stored, computed));
    }
    return bytes[TYPE_OFFSET] & 0xFF;
  }

  /** CRC32C of the first 12 header bytes followed by the body. */
  static int checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, CHECKSUM_OFFSET);
    crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
    return (int) crc.getValue();
  }
}
