/**
 * The byte format shared by every sketch: a 16-byte header (magic, serial version, type, flags,
 * body length, CRC32C) and bounds-checked little-endian readers and writers. Specified in {@code
 * docs/format.md}.
 */
package io.sketches.format;
