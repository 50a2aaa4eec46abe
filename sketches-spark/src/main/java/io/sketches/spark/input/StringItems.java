package io.sketches.spark.input;

import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Row strings ({@code UTF8String}) as the Java strings a sketch keeps, each recent distinct string
 * decoded once: a direct-mapped cache of {@value #SLOTS} slots, keyed by the string's bytes,
 * remembers the last string decoded into each slot. On the skewed streams top-k is asked of, most
 * rows repeat a frequent value and cost one hash of their bytes and one comparison instead of a
 * copy, a UTF-8 decode and two allocations; a miss costs what decoding did, plus the hash. One
 * instance per task (it is not thread-safe); the strings it returns are immutable, so sharing them
 * between rows is safe. Strings longer than {@value #MAX_CACHED_BYTES} bytes are decoded and not
 * kept, so the cache holds at most {@value #SLOTS} × {@value #MAX_CACHED_BYTES} bytes of keys
 * whatever the rows hold.
 */
public final class StringItems {
  static final int SLOTS = 1 << 12;
  static final int MAX_CACHED_BYTES = 256;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  /** The Java string equal to {@code s}. */
  public String decode(UTF8String s) {
    Object base = s.getBaseObject();
    long offset = s.getBaseOffset();
    int length = s.numBytes();
    if (length > MAX_CACHED_BYTES) {
      return s.toString();
    }
    int slot = s.hashCode() & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null
        && key.length == length
        && ByteArrayMethods.arrayEquals(key, Platform.BYTE_ARRAY_OFFSET, base, offset, length)) {
      return values[slot];
    }
    byte[] bytes = new byte[length];
    Platform.copyMemory(base, offset, bytes, Platform.BYTE_ARRAY_OFFSET, length);
    String value = new String(bytes, StandardCharsets.UTF_8);
    keys[slot] = bytes;
    values[slot] = value;
    return value;
  }
}
