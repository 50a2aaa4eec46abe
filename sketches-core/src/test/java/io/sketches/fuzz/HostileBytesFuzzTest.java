package io.sketches.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The readers' promise under the structure-aware fuzzer ({@link HostileBytes}): 10^4 mutants of
 * valid sketches per type, fixed seeds, zero defects. Each defect prints its type, mutation, seed,
 * bytes and what broke; the long run is the benchmarks' {@code hostile-bytes} study.
 */
class HostileBytesFuzzTest {
  private static final int INPUTS_PER_TYPE = 10_000;

  /** Enough defects to show every kind; a broken reader can take seconds per input. */
  private static final int STOP_AFTER_DEFECTS = 25;

  /** Without this, a defect could be the checker's own false alarm. */
  @ParameterizedTest
  @EnumSource(SketchType.class)
  void validSpecimensPassEveryCheck(SketchType type) {
    assertEquals(List.of(), HostileBytes.problemsOfValidSpecimens(type));
  }

  @ParameterizedTest
  @EnumSource(SketchType.class)
  void mutantsAreRefusedOrKeepEveryContract(SketchType type) {
    FuzzRun run =
        HostileBytes.fuzz(type, INPUTS_PER_TYPE, HostileBytes.TEST_SEED, STOP_AFTER_DEFECTS);
    System.out.println(run);
    run.defects().forEach(System.out::println);
    assertTrue(
        run.refused() > run.tried() / 10 && run.accepted() > 0,
        "the mutants must reach both refusal and acceptance: " + run);
    assertEquals(
        0,
        run.defectCount(),
        () ->
            run
                + "\nkinds: "
                + run.defectKinds()
                + "\nfirst defects:\n"
                + run.defects().stream()
                    .limit(5)
                    .map(Defect::toString)
                    .collect(Collectors.joining("\n")));
  }
}
