package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same input gives the same bytes and answers in every release: the SHA-256 of the bytes and of
 * some answers (quantiles, ranks) of 240 seeded scenarios — k from 8 to 400, streams of up to
 * 2·10^5 longs or doubles in random, sorted, reversed, zoom-in and few-distinct order, single
 * sketches and sketches merged from parts (chains into an empty sketch, pairwise trees, parts of
 * another k), queried between updates — equals the digest recorded when the scenarios were written.
 * Unlike the golden files this covers many shapes, so a faster sort, merge or sorted view must
 * reproduce every compaction exactly to pass.
 */
class QuantileSketchDigestTest {
  private static final String RECORDED =
      "f2e246c3b0126d84bd6781f4a82b8c91a0b442957c144583e235b3604d273713";

  private static final int[] KS = {8, 9, 16, 40, 64, 200, 281, 400};
  private static final double[] RANKS = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};

  @Test
  void bytesAndAnswersOfSeededScenariosAreAsRecorded() throws NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (int scenario = 0; scenario < 240; scenario++) {
      for (QuantileSketch sketch : scenario(scenario)) {
        digest.update(sketch.toByteArray());
        ByteBuffer answers = ByteBuffer.allocate(16 * RANKS.length);
        for (double rank : RANKS) {
          double quantile = sketch.quantile(rank);
          answers.putDouble(quantile).putDouble(sketch.isEmpty() ? 0 : sketch.rank(quantile));
        }
        digest.update(answers.array());
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    assertEquals(RECORDED, actual, "digest of the scenarios' bytes and answers");
  }

  /** Scenario s: the sketches whose bytes and answers enter the digest. */
  private static List<QuantileSketch> scenario(int s) {
    SplittableRandom random = new SplittableRandom(7919L * s + 17);
    int k = KS[random.nextInt(KS.length)];
    int n = random.nextInt(8) == 0 ? 200_000 : random.nextInt(20_000);
    boolean longs = random.nextBoolean();
    long[] stream = stream(s % 5, n, random);
    int parts = s % 3 == 0 ? 1 : 2 + random.nextInt(7);
    List<QuantileSketch> sketches = new ArrayList<>();
    List<QuantileSketch> partSketches = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int partK = random.nextInt(4) == 0 ? KS[random.nextInt(KS.length)] : k;
      QuantileSketch part = QuantileSketch.create(partK, s);
      for (int i = (int) ((long) p * n / parts); i < (long) (p + 1) * n / parts; i++) {
        if (longs) {
          part.update(stream[i]);
        } else {
          part.update(stream[i] * 0.37 - 1e3);
        }
        if (random.nextInt(4096) == 0) {
          part.quantile(random.nextDouble()); // a sorted view built and then invalidated
        }
      }
      partSketches.add(part);
      sketches.add(part.copy());
    }
    if (parts > 1) {
      if (random.nextBoolean()) {
        QuantileSketch chain = QuantileSketch.create(k, s);
        for (QuantileSketch part : partSketches) {
          chain.merge(part);
        }
        sketches.add(chain);
      } else {
        List<QuantileSketch> level = partSketches;
        while (level.size() > 1) {
          List<QuantileSketch> next = new ArrayList<>();
          for (int i = 0; i + 1 < level.size(); i += 2) {
            next.add(level.get(i).copy().merge(level.get(i + 1)));
          }
          if (level.size() % 2 == 1) {
            next.add(level.get(level.size() - 1));
          }
          level = next;
        }
        sketches.add(level.get(0));
      }
    }
    return sketches;
  }

  private static long[] stream(int order, int n, SplittableRandom random) {
    long[] stream = new long[n];
    for (int i = 0; i < n; i++) {
      stream[i] =
          switch (order) {
            case 0 -> random.nextLong(1L << 40);
            case 1 -> i;
            case 2 -> n - i;
            case 3 -> (i & 1) == 0 ? i / 2 : n - 1 - i / 2;
            default -> random.nextInt(50);
          };
    }
    return stream;
  }
}
