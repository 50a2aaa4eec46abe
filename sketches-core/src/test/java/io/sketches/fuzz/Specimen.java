package io.sketches.fuzz;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.format.Sketches;

/**
 * One valid sketch of the fuzzer's corpus: its bytes, a label naming its state ("p12 dense merged",
 * "5×272 turnstile"), and the item serde it was written with (null for sketches without items, or a
 * sampler that never saw one). Every use reads a fresh sketch from the bytes, so no mutation of one
 * examination leaks into the next.
 */
record Specimen(SketchType type, String label, byte[] bytes, ItemSerde<?> serde) {

  static Specimen of(String label, Sketch<?> sketch) {
    return of(label, sketch, null);
  }

  static Specimen of(String label, Sketch<?> sketch, ItemSerde<?> serde) {
    byte[] bytes = sketch.toByteArray();
    return new Specimen(Sketches.typeOf(bytes), label, bytes, serde);
  }

  /** A fresh sketch read from the bytes. */
  Sketch<?> read() {
    return Sketches.fromByteArray(bytes);
  }

  @Override
  public String toString() {
    return type + " " + label;
  }
}
