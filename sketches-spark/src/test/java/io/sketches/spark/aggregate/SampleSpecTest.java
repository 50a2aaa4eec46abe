package io.sketches.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The partition seeds of {@code sk_sample} are those the module wrote before the mixer moved to
 * {@code io.sketches.internal.Mix64}: a changed seed would change every stored sample.
 */
class SampleSpecTest {

  @Test
  void partitionSeedsAreUnchanged() {
    assertEquals(0xE220A8397B1DCDAFL, SampleSpec.partitionSeed(0, 0));
    assertEquals(0x63CBE1E459320DD7L, SampleSpec.partitionSeed(7, 0));
    assertEquals(0x953AEB70673E29CBL, SampleSpec.partitionSeed(7, 3));
    assertEquals(0xF0AE4A1F14FA3FC7L, SampleSpec.partitionSeed(-5, 100));
    assertEquals(42L, SampleSpec.partitionSeed(42), "on the driver, outside a task");
  }
}
