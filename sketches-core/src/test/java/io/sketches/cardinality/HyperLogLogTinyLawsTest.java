package io.sketches.cardinality;

/** The laws at p = 4 (16 registers, dense from 3 entries, which may share a register). */
class HyperLogLogTinyLawsTest extends HyperLogLogLawsTest {
  @Override
  protected int precision() {
    return 4;
  }
}
