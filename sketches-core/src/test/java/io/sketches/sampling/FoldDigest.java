package io.sketches.sampling;

import io.sketches.Sketch;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * The SHA-256 of a sampler's bytes after every merge of 40 seeded folds ({@code acc.merge(part)}
 * six times), for tests that pin the bytes merges gave before a change to the merge path.
 */
final class FoldDigest {
  /** A sampler for fold {@code scenario}, drawing its size and items from {@code random}. */
  interface Sampler<S> {
    S make(Random random, int scenario, int part);
  }

  private FoldDigest() {}

  static <S extends Sketch<S>> String of(Sampler<S> accumulator, Sampler<S> part) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(2026);
    for (int scenario = 0; scenario < 40; scenario++) {
      S acc = accumulator.make(random, scenario, -1);
      for (int index = 0; index < 6; index++) {
        acc.merge(part.make(random, scenario, index));
        digest.update(acc.toByteArray());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
