package io.sketches.bench.fuzz;

import io.sketches.SketchType;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.fuzz.Defect;
import io.sketches.fuzz.FuzzRun;
import io.sketches.fuzz.HostileBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * hostile-bytes: the test suite's structure-aware fuzzer ({@code io.sketches.fuzz.HostileBytes},
 * from the core's test jar) at 10^6 mutants per sketch type (10^5 quick), with another seed than
 * the test's. Per type: inputs tried, refused, accepted, defects, the largest allocation of one
 * parse ÷ input length, the slowest parse; the target is zero defects.
 *
 * <p>{@code -Dio.sketches.bench.hostileTypes=HYPERLOGLOG,COUNT_MIN} runs only the named types, to
 * split a long run across JVMs: each type's inputs derive from the seed and the type alone, so the
 * parts together count exactly what one run would.
 */
public final class HostileBytesStudy implements Study {
  /** Not the test suite's seed: the long run explores other mutants. */
  static final long SEED = 0x5EED_B17E5L;

  /** A type stops after this many defects: a broken reader can take seconds per input. */
  static final long STOP_AFTER_DEFECTS = 100;

  @Override
  public String name() {
    return "hostile-bytes";
  }

  private static List<SketchType> types() {
    String named = System.getProperty("io.sketches.bench.hostileTypes");
    if (named == null || named.isBlank()) {
      return List.of(SketchType.values());
    }
    return java.util.Arrays.stream(named.split(","))
        .map(String::trim)
        .map(SketchType::valueOf)
        .toList();
  }

  @Override
  public void run(Profile profile, Report report) {
    long inputs = profile.pick(100_000, 1_000_000);
    List<List<String>> rows = new ArrayList<>();
    List<FuzzRun> runs = new ArrayList<>();
    long defects = 0;
    for (SketchType type : types()) {
      FuzzRun run = HostileBytes.fuzz(type, inputs, SEED, STOP_AFTER_DEFECTS);
      System.out.println("  " + run);
      runs.add(run);
      defects += run.defectCount();
      rows.add(
          List.of(
              type.name(),
              String.format("%,d", run.tried()),
              String.format("%,d", run.refused()),
              String.format("%,d", run.accepted()),
              String.valueOf(run.defectCount()),
              String.format("%.1f", run.maxParseBytesPerInputByte()),
              String.format("%.2f", run.maxParseNanos() / 1e6),
              String.format("%.0f", run.nanos() / 1e9)));
    }
    report.heading("Hostile bytes: the readers under a structure-aware fuzzer");
    report.markdown(
        "Mutants of valid sketches of every type and state (bit flips; 1/2/4/8-byte fields, varints"
            + " and doubles overwritten with 0, ±1, 2^31, 2^63−1, NaN, ±∞ …; small additions;"
            + " header version, type and flags; truncation, extension, insertion, deletion; splices"
            + " of another type's body; up to four stacked), each with its header's body length and"
            + " CRC32C recomputed, so only the structural checks stand between the bytes and a"
            + " sketch. A defect is anything but a `SketchFormatException` or a sketch that then"
            + " answers every query in contract, copies, merges (with a valid sketch and with"
            + " itself), updates and re-serializes to a fixpoint; or a parse allocating more than"
            + " 16 × length + 64 KiB (every type, item sketches included: stricter than the 64 ×"
            + " length that docs/format.md promises for them) or taking over 100 ms; or a query,"
            + " copy, merge, update or serialization allocating over 512 MiB or taking over 100 ms"
            + " (queries) or 1 s (the rest). Allocation is `ThreadMXBean.getThreadAllocatedBytes`"
            + " and time the thread's CPU time (`getCurrentThreadCpuTime`, which a loaded machine"
            + " does not inflate) around each call; small inputs make the per-byte ratio large within the 64 KiB"
            + " constant. A parse, query, copy or serialization over a limit is run once more"
            + " before it counts (JIT, GC, class loading); merges and updates run"
            + " once. A type whose run found "
            + STOP_AFTER_DEFECTS
            + " defects stops there (fewer inputs than the profile's).");
    report.table(
        List.of(
            "sketch type",
            "inputs",
            "refused",
            "accepted",
            "defects",
            "max parse allocation ÷ length",
            "max parse ms (CPU)",
            "run s"),
        rows);
    for (FuzzRun run : runs) {
      for (Map.Entry<String, Long> kind : run.defectKinds().entrySet()) {
        report.markdown("- " + run.type() + ": " + kind.getValue() + " × " + kind.getKey());
      }
      for (Defect defect : run.defects().subList(0, Math.min(3, run.defects().size()))) {
        System.out.println(defect);
      }
    }
    report.target("all types", "hostile-bytes defects", defects, 0, "≤", 0);
  }
}
