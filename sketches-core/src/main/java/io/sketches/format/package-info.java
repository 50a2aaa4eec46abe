/**
 * The byte format shared by every sketch: a 16-byte header (magic, serial version, type, flags,
 * body length, CRC32C), bounds-checked little-endian readers and writers, and the registry of type
 * ids ({@link io.sketches.format.Sketches#fromByteArray}). Specified in {@code docs/format.md}.
 */
package io.sketches.format;
