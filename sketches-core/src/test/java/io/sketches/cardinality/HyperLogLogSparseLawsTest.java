package io.sketches.cardinality;

/** The laws at p = 16 (sparse up to 8,192 entries), so every generated stream stays sparse. */
class HyperLogLogSparseLawsTest extends HyperLogLogLawsTest {
  @Override
  protected int precision() {
    return 16;
  }
}
