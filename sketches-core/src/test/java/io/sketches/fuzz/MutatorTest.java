package io.sketches.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MutatorTest {

  @Test
  void everyMutantPassesTheHeaderChecksSoOnlyTheBodyChecksRemain() {
    SplittableRandom seeds = new SplittableRandom(3);
    for (SketchType type : SketchType.values()) {
      for (int i = 0; i < 500; i++) {
        byte[] bytes = HostileBytes.mutant(type, seeds.nextLong());
        assertDoesNotThrow(
            () -> {
              SketchFormat.peekType(bytes);
            },
            () -> Arrays.toString(bytes));
      }
    }
  }

  @Test
  void aSeedRebuildsTheSameMutant() {
    for (SketchType type : SketchType.values()) {
      assertArrayEquals(HostileBytes.mutant(type, 77), HostileBytes.mutant(type, 77));
    }
  }

  @Test
  void mutantsDifferFromTheirOriginAndFromEachOther() {
    Set<String> distinct = new HashSet<>();
    Set<String> valid = new HashSet<>();
    for (Specimen specimen : HostileBytes.specimens(SketchType.COUNT_MIN)) {
      valid.add(Arrays.toString(specimen.bytes()));
    }
    int unchanged = 0;
    for (long seed = 0; seed < 1000; seed++) {
      String mutant = Arrays.toString(HostileBytes.mutant(SketchType.COUNT_MIN, seed));
      distinct.add(mutant);
      unchanged += valid.contains(mutant) ? 1 : 0;
    }
    assertTrue(distinct.size() > 900, "distinct mutants: " + distinct.size());
    assertTrue(unchanged < 50, "mutants equal to a valid specimen: " + unchanged);
  }
}
