package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchType;
import io.sketches.fuzz.FuzzRun;
import io.sketches.fuzz.HostileBytes;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's "0 defects" for quantile sketches counts only if it can find one: with the reader's
 * check that every item is ≤ the maximum switched off (a seeded defect), mutants of valid sketches
 * must soon be accepted with an item above max, and the contract ({@code QuantilesContract}) must
 * flag the quantiles that answer it.
 */
class QuantilesFuzzSeededDefectTest {

  @Test
  void theFuzzerFindsAReaderThatSkipsTheItemBoundCheck() {
    QuantilesFormat.skipItemBoundCheckForTesting = true;
    try {
      FuzzRun run = HostileBytes.fuzz(SketchType.QUANTILES, 5_000, HostileBytes.TEST_SEED, 1);
      System.out.println(run);
      run.defects().forEach(System.out::println);
      assertTrue(run.defectCount() > 0, "no defect found with the bound check off: " + run);
    } finally {
      QuantilesFormat.skipItemBoundCheckForTesting = false;
    }
  }
}
