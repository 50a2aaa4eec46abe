package io.sketches.hash;

import static com.google.common.base.Preconditions.checkArgument;

import net.openhft.hashing.Access;
import net.openhft.hashing.LongHashFunction;

/**
 * The one stable 64-bit item hash behind every sketch: XXH3 (64-bit) from zero-allocation-hashing,
 * seeded with {@link #SEED}. Sketches built today must merge with sketches built by any later
 * release, so the value for every item is frozen by golden test vectors and never changes.
 *
 * <p>What each item type hashes as:
 *
 * <ul>
 *   <li>{@code long}: the 8 little-endian bytes of the value; an {@code int} hashes as the equal
 *       {@code long}, so 5 and 5L are one item.
 *   <li>{@code double}: the 8 little-endian bytes of its IEEE 754 bits, after mapping {@code -0.0}
 *       to {@code 0.0} and every NaN to the canonical NaN. A double is therefore the same item as
 *       the long with the same bits (as in DataSketches); sketches are meant to hold one type.
 *   <li>{@code CharSequence}: its UTF-8 bytes, exactly those of {@code
 *       s.toString().getBytes(UTF_8)} (unpaired surrogates become {@code '?'}), so a string and its
 *       UTF-8 bytes, such as a Spark {@code UTF8String}, are one item. No allocation.
 *   <li>{@code byte[]}: the bytes.
 *   <li>any object through an {@link ItemEncoder}: the bytes the encoder writes, multi-byte
 *       primitives little-endian.
 * </ul>
 */
public final class ItemHash {
  /** The XXH3 seed of every item hash in this library: the first 64 bits of the fraction of π. */
  public static final long SEED = 0x243F6A8885A308D3L;

  private static final LongHashFunction XXH3 = LongHashFunction.xx3(SEED);
  private static final long CANONICAL_NAN_BITS = Double.doubleToLongBits(Double.NaN);

  private ItemHash() {}

  /*
   * XXH3-64 of exactly 8 bytes, specialized (XXH3_len_4to8_64b of the reference implementation):
   * the seeded bit flip of secret words 1 and 2 is a constant, so the hash of a long is one xor,
   * one rotation and the rrmxmx finalizer. ItemHashTest checks it against zero-allocation-hashing's
   * XXH3 over the same 8 little-endian bytes for random longs, besides the golden vectors.
   */
  private static final long SECRET_WORD_1 = 0x1cad21f72c81017cL;
  private static final long SECRET_WORD_2 = 0xdb979083e96dd4deL;
  private static final long LONG_BIT_FLIP =
      (SECRET_WORD_1 ^ SECRET_WORD_2) - (SEED ^ ((long) Integer.reverseBytes((int) SEED) << 32));
  private static final long RRMXMX_PRIME = 0x9FB21C651E98DF25L;

  /**
   * The first rrmxmx step, k ^ rotl(k, 49) ^ rotl(k, 24), is linear over xor, so for k = x ^ flip
   * it is x ^ rotl(x, 49) ^ rotl(x, 24) ^ this constant.
   */
  private static final long MIXED_BIT_FLIP =
      LONG_BIT_FLIP ^ Long.rotateLeft(LONG_BIT_FLIP, 49) ^ Long.rotateLeft(LONG_BIT_FLIP, 24);

  public static long hash(long item) {
    // input1 = low 32 bits, input2 = high 32 bits of the little-endian bytes: x = input2 + (input1
    // << 32) = rotl(item, 32), then rrmxmx of x ^ flip, with the first step's rotations of x
    // folded into rotations of the item (32 + 49 ≡ 17, 32 + 24 = 56) and of the flip constant.
    long keyed =
        Long.rotateLeft(item, 32)
            ^ Long.rotateLeft(item, 17)
            ^ Long.rotateLeft(item, 56)
            ^ MIXED_BIT_FLIP;
    keyed *= RRMXMX_PRIME;
    keyed ^= (keyed >>> 35) + 8;
    keyed *= RRMXMX_PRIME;
    return keyed ^ (keyed >>> 28);
  }

  public static long hash(int item) {
    return hash((long) item);
  }

  public static long hash(double item) {
    return hash(canonicalBits(item));
  }

  /** The bits a double hashes as: -0.0 as 0.0, every NaN as the canonical NaN. */
  public static long canonicalBits(double item) {
    if (item == 0.0) {
      return 0L;
    }
    if (item != item) {
      return CANONICAL_NAN_BITS;
    }
    return Double.doubleToRawLongBits(item);
  }

  public static long hash(byte[] item) {
    return XXH3.hashBytes(item);
  }

  public static long hash(byte[] item, int offset, int length) {
    return XXH3.hashBytes(item, offset, length);
  }

  /**
   * The hash of {@code length} bytes at {@code offset} of {@code base} read through {@code
   * sun.misc.Unsafe}: for engines that keep strings off-heap or inside row buffers (a Spark {@code
   * UTF8String} is {@code (base, offset, numBytes)}). Equal to {@link #hash(byte[])} of the same
   * bytes.
   */
  public static long hashUnsafe(Object base, long offset, int length) {
    return XXH3.hash(base, Access.unsafe(), offset, length);
  }

  /** The hash of the UTF-8 encoding of {@code item}, without allocating. */
  public static long hash(CharSequence item) {
    Utf8Scratch scratch = Utf8Scratch.get();
    int length = scratch.encode(item);
    return XXH3.hashBytes(scratch.bytes(), 0, length);
  }

  /**
   * The hash of the bytes {@code encoder} writes for {@code item}: equal to {@link #hash(byte[])}
   * of those bytes.
   *
   * @throws IllegalArgumentException if item or encoder is null
   */
  public static <T> long hash(T item, ItemEncoder<? super T> encoder) {
    checkArgument(item != null, "item must not be null");
    checkArgument(encoder != null, "encoder must not be null");
    ByteRunSink sink = ByteRunSink.get();
    encoder.encode(item, sink);
    return XXH3.hashBytes(sink.bytes(), 0, sink.length());
  }
}
