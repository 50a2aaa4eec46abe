package io.sketches.hash;

/**
 * A per-thread buffer that a {@code CharSequence} is UTF-8 encoded into before hashing, so the hot
 * path allocates nothing. The encoding is exactly Java's {@code String.getBytes(UTF_8)}: unpaired
 * surrogates become {@code '?'}.
 */
final class Utf8Scratch {
  private static final ThreadLocal<Utf8Scratch> PER_THREAD =
      ThreadLocal.withInitial(Utf8Scratch::new);

  private byte[] bytes = new byte[256];

  static Utf8Scratch get() {
    return PER_THREAD.get();
  }

  byte[] bytes() {
    return bytes;
  }

  /** Encodes {@code text} into {@link #bytes()} and returns the number of bytes written. */
  int encode(CharSequence text) {
    int chars = text.length();
    if (bytes.length < 3 * chars) {
      bytes = new byte[Math.max(3 * chars, 2 * bytes.length)];
    } else if (bytes.length > 1 << 16 && 3 * chars <= 1 << 12) {
      bytes = new byte[1 << 12]; // do not pin a huge buffer after one long string
    }
    byte[] out = bytes;
    int n = 0;
    int i = 0;
    // ASCII runs are the common case: one byte per char.
    while (i < chars) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        break;
      }
      out[n++] = (byte) c;
      i++;
    }
    for (; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | c >> 6);
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char low = i + 1 < chars ? text.charAt(i + 1) : 0;
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
          int codePoint = Character.toCodePoint(c, low);
          out[n++] = (byte) (0xF0 | codePoint >> 18);
          out[n++] = (byte) (0x80 | (codePoint >> 12 & 0x3F));
          out[n++] = (byte) (0x80 | (codePoint >> 6 & 0x3F));
          out[n++] = (byte) (0x80 | (codePoint & 0x3F));
          i++;
        } else {
          out[n++] = (byte) '?';
        }
      } else {
        out[n++] = (byte) (0xE0 | c >> 12);
        out[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }
}
