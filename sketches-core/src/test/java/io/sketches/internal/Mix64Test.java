package io.sketches.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Mix64Test {

  /**
   * Golden values of Stafford's variant 13; the sampler and Count-Min golden files rely on them.
   */
  @Test
  void goldenValues() {
    assertEquals(0L, Mix64.mix(0));
    assertEquals(0x5692161D100B05E5L, Mix64.mix(1));
    assertEquals(0x0B2170256702DB4FL, Mix64.mix(2026));
    assertEquals(0xB4D055FCF2CBBD7BL, Mix64.mix(-1));
    assertEquals(0xE220A8397B1DCDAFL, Mix64.mix(Mix64.GOLDEN_GAMMA));
  }

  /** SplittableRandom(seed) draws mix(seed + k·γ): the same function, the same gamma. */
  @Property
  void isTheMixerOfSplittableRandom(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 1; k <= 3; k++) {
      assertEquals(random.nextLong(), Mix64.mix(seed + k * Mix64.GOLDEN_GAMMA));
    }
  }
}
