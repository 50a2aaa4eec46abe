package io.sketches.fuzz;

import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.format.Sketches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The structure-aware fuzzer of the readers: mutates valid sketches ({@link Corpus}, {@link
 * Mutator}, header length and CRC32C recomputed) and examines every mutant. {@code
 * Sketches.fromByteArray}, the type's own {@code fromByteArray} (and {@code HyperLogLog.mergeBytes}
 * into a valid sketch) must refuse it with {@code SketchFormatException} or accept it, within 16 ×
 * length + 64 KiB of allocation and 100 ms; an accepted sketch must then answer every query within
 * its contract ({@link SketchContract}), copy, merge with a valid sketch both ways and with itself,
 * take an update, and re-serialize to bytes that read back to the same bytes. Anything else is a
 * {@link Defect}.
 *
 * <p>Shared by the test suite ({@code HostileBytesFuzzTest}, 10^4 inputs per type) and the
 * benchmarks' {@code hostile-bytes} study (10^6 per type).
 */
public final class HostileBytes {
  /** The seed of the test suite's run. */
  public static final long TEST_SEED = 20261207L;

  private static final int LARGE_SPECIMEN_BYTES = 16 << 10;

  private static final Map<SketchType, SketchContract<?>> CONTRACTS = contracts();

  private HostileBytes() {}

  private static Map<SketchType, SketchContract<?>> contracts() {
    Map<SketchType, SketchContract<?>> contracts = new EnumMap<>(SketchType.class);
    for (SketchContract<?> contract :
        List.of(
            new HyperLogLogContract(),
            new FrequencyContracts.CountMin(),
            new FrequencyContracts.Heavy(),
            new SamplingContracts.Uniform(),
            new SamplingContracts.Weighted(),
            new KMeansContract(),
            new RegressionContracts.LeastSquares(),
            new RegressionContracts.Bayesian(),
            new RegressionContracts.Sgd(),
            new QuantilesContract())) {
      contracts.put(contract.type(), contract);
    }
    return contracts;
  }

  /**
   * Examines {@code inputs} mutants of the corpus of {@code type}, all derived from {@code seed},
   * stopping early once {@code stopAfterDefects} inputs broke something (a broken reader can take
   * seconds and gigabytes per input; the run fails either way).
   */
  public static FuzzRun fuzz(SketchType type, long inputs, long seed, long stopAfterDefects) {
    FuzzRun run = new FuzzRun(type);
    SplittableRandom seeds = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * type.id()));
    long start = System.nanoTime();
    for (long i = 0; i < inputs && run.defectCount() < stopAfterDefects; i++) {
      long inputSeed = seeds.nextLong();
      SplittableRandom random = new SplittableRandom(inputSeed);
      Specimen origin = pick(Corpus.of(type), random);
      Mutator.Mutant mutant = Mutator.mutate(origin.bytes(), random, donors(type, random));
      Probe probe = new Probe();
      boolean accepted = examine(mutant.bytes(), origin, random, probe);
      Defect defect =
          probe.problems().isEmpty()
              ? null
              : new Defect(
                  type,
                  origin.label(),
                  mutant.description(),
                  inputSeed,
                  mutant.bytes(),
                  probe.problems().stream().map(Probe.Problem::toString).toList());
      run.record(accepted, probe, defect);
    }
    run.finish(System.nanoTime() - start);
    return run;
  }

  /** The bytes of the input {@code inputSeed} of a run over {@code type}: a defect's seed. */
  public static byte[] mutant(SketchType type, long inputSeed) {
    SplittableRandom random = new SplittableRandom(inputSeed);
    Specimen origin = pick(Corpus.of(type), random);
    return Mutator.mutate(origin.bytes(), random, donors(type, random)).bytes();
  }

  /**
   * What breaks on {@code bytes}, examined with the valid specimen labelled {@code specimen} (the
   * one it was mutated from: the partner of merges and the serde of the type's own reader), or the
   * type's first specimen if no specimen has that label: the problems, none if the readers keep
   * their promise.
   */
  public static List<String> problems(SketchType type, String specimen, byte[] bytes) {
    Specimen origin =
        Corpus.of(type).stream()
            .filter(candidate -> candidate.label().equals(specimen))
            .findFirst()
            .orElse(Corpus.of(type).get(0));
    Probe probe = new Probe();
    examine(bytes, origin, new SplittableRandom(1), probe);
    return probe.problems().stream().map(Probe.Problem::toString).toList();
  }

  /** Whether the valid specimens themselves pass every check: the checker's own sanity. */
  static List<String> problemsOfValidSpecimens(SketchType type) {
    List<String> problems = new ArrayList<>();
    for (Specimen specimen : Corpus.of(type)) {
      Probe probe = new Probe();
      examine(specimen.bytes(), specimen, new SplittableRandom(1), probe);
      probe.problems().forEach(problem -> problems.add(specimen + ": " + problem));
    }
    return problems;
  }

  static List<Specimen> specimens(SketchType type) {
    return Corpus.of(type);
  }

  /**
   * A specimen, those above 16 KiB (dense HyperLogLogs of precision 15 and more) drawn an eighth as
   * often as the others: they cost ten to a hundred times more to examine.
   */
  private static Specimen pick(List<Specimen> specimens, SplittableRandom random) {
    Specimen specimen = specimens.get(random.nextInt(specimens.size()));
    while (specimen.bytes().length > LARGE_SPECIMEN_BYTES && random.nextInt(8) != 0) {
      specimen = specimens.get(random.nextInt(specimens.size()));
    }
    return specimen;
  }

  /** Valid bytes of the other types, for splices. */
  private static List<byte[]> donors(SketchType type, SplittableRandom random) {
    SketchType[] types = SketchType.values();
    SketchType other =
        types[(type.ordinal() + 1 + random.nextInt(types.length - 1)) % types.length];
    return List.of(pick(Corpus.of(other), random).bytes());
  }

  /** Examines one input; returns whether {@code Sketches.fromByteArray} accepted it. */
  static boolean examine(byte[] bytes, Specimen origin, SplittableRandom random, Probe probe) {
    Probe.Call<Sketch<?>> parsed =
        probe.parse("Sketches.fromByteArray", bytes, () -> Sketches.fromByteArray(bytes));
    checkOwnReader(CONTRACTS.get(origin.type()), bytes, origin, probe);
    if (parsed.value == null) {
      return false;
    }
    SketchType type = Sketches.typeOf(bytes);
    Specimen partner = type == origin.type() ? origin : Corpus.of(type).get(0);
    exercise(CONTRACTS.get(type), parsed.value, partner, random, probe);
    return true;
  }

  private static <S extends Sketch<S>> void checkOwnReader(
      SketchContract<S> contract, byte[] bytes, Specimen origin, Probe probe) {
    Probe.Call<S> own =
        probe.parse(
            origin.type() + " own fromByteArray", bytes, () -> contract.readOwn(bytes, origin));
    if (own.value != null) {
      roundTrip(probe, "own reader's sketch", own.value);
    }
    contract.extraChecks(bytes, origin, own.value, probe);
  }

  private static <S extends Sketch<S>> void exercise(
      SketchContract<S> contract,
      Sketch<?> parsed,
      Specimen partner,
      SplittableRandom random,
      Probe probe) {
    S sketch = contract.cast(parsed);
    contract.queries(sketch, probe, random);
    byte[] bytes = roundTrip(probe, "accepted sketch", sketch);
    S copy = probe.pureOperation("copy()", sketch::copy);
    if (copy != null && bytes != null) {
      probe.expect(
          Arrays.equals(bytes, copy.toByteArray()), "copy() writes other bytes", "%s", partner);
    }
    S intoValid =
        probe.operation(
            "valid.merge(it)",
            () -> contract.cast(partner.read()).merge(sketch.copy()),
            contract::documentedMergeRefusal);
    roundTrip(probe, "valid.merge(it)", intoValid);
    S fromValid =
        probe.operation(
            "it.merge(valid)",
            () -> sketch.copy().merge(contract.cast(partner.read())),
            contract::documentedMergeRefusal);
    roundTrip(probe, "it.merge(valid)", fromValid);
    S doubled =
        probe.operation(
            "it.merge(itself)",
            () -> {
              S twice = sketch.copy();
              return twice.merge(twice);
            },
            contract::documentedMergeRefusal);
    roundTrip(probe, "it.merge(itself)", doubled);
    S updated =
        probe.operation(
            "update",
            () -> {
              S next = sketch.copy();
              contract.update(next, random);
              return next;
            },
            contract::documentedUpdateRefusal);
    roundTrip(probe, "updated", updated);
  }

  /**
   * {@code toByteArray → fromByteArray → toByteArray} must give the same bytes twice; returns the
   * first bytes, or null if {@code sketch} is null or could not be written.
   */
  private static byte[] roundTrip(Probe probe, String label, Sketch<?> sketch) {
    if (sketch == null) {
      return null;
    }
    byte[] first = probe.pureOperation(label + " toByteArray()", sketch::toByteArray);
    if (first == null) {
      return null;
    }
    Probe.Call<Sketch<?>> again =
        probe.parse(
            "fromByteArray of the " + label + " re-serialized",
            first,
            () -> Sketches.fromByteArray(first));
    if (again.refused()) {
      probe.report(label + " re-serialized is refused", "%s", again.thrown.getMessage());
    }
    if (again.value != null) {
      byte[] second =
          probe.pureOperation(label + " re-read toByteArray()", again.value::toByteArray);
      probe.expect(
          second == null || Arrays.equals(first, second),
          label + ": toByteArray → fromByteArray → toByteArray is not a fixpoint",
          "%d bytes then %d",
          first.length,
          second == null ? -1 : second.length);
    }
    return first;
  }
}
