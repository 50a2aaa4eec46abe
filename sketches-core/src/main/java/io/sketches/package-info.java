/**
 * The contracts every sketch keeps: {@link io.sketches.Sketch} (merge, copy, bytes), the exceptions
 * for bad bytes and incompatible merges, the sketch type ids of the byte format, and {@link
 * io.sketches.ItemSerde} for sketches that store items.
 */
package io.sketches;
