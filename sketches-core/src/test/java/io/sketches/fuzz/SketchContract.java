package io.sketches.fuzz;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import io.sketches.SketchType;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the fuzzer knows of one sketch type: its own reader, every query with the answers its
 * contract allows, one valid update, and which exceptions its Javadoc documents (a merge of
 * incompatible sketches, an overflowing weight, a model the data do not determine). Anything else
 * thrown, and any answer outside the contract, is a defect.
 *
 * @param <S> the sketch class
 */
abstract class SketchContract<S extends Sketch<S>> {
  private final SketchType type;
  private final Class<S> sketchClass;

  SketchContract(SketchType type, Class<S> sketchClass) {
    this.type = type;
    this.sketchClass = sketchClass;
  }

  SketchType type() {
    return type;
  }

  S cast(Object sketch) {
    return sketchClass.cast(sketch);
  }

  /** The type's own {@code fromByteArray}, with the serde {@code origin} was written with. */
  abstract S readOwn(byte[] bytes, Specimen origin);

  /** Asks every query of {@code sketch} and checks each answer against the contract. */
  abstract void queries(S sketch, Probe probe, SplittableRandom random);

  /** One valid update of {@code sketch}, of an item it can take. */
  abstract void update(S sketch, SplittableRandom random);

  /** Exceptions a merge may throw by its Javadoc: incompatible settings. */
  boolean documentedMergeRefusal(Throwable thrown) {
    return thrown instanceof IncompatibleSketchException;
  }

  /** Exceptions an update may throw by its Javadoc; none unless a contract says so. */
  boolean documentedUpdateRefusal(Throwable thrown) {
    return false;
  }

  /**
   * Checks beyond the common ones, run on every input of this type (HyperLogLog.mergeBytes); {@code
   * own} is what the type's own reader made of the bytes, null if it refused them.
   */
  void extraChecks(byte[] bytes, Specimen origin, S own, Probe probe) {}

  /** An {@link IllegalStateException} whose message contains one of {@code phrases}. */
  static Predicate<Throwable> illegalState(String... phrases) {
    return thrown -> {
      if (!(thrown instanceof IllegalStateException) || thrown.getMessage() == null) {
        return false;
      }
      for (String phrase : phrases) {
        if (thrown.getMessage().contains(phrase)) {
          return true;
        }
      }
      return false;
    };
  }

  /** A vector of {@code dimension} standard normal coordinates. */
  static double[] gaussianVector(SplittableRandom random, int dimension) {
    double[] x = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      x[i] = Corpus.gaussian(random);
    }
    return x;
  }
}
