package io.sketches.spark;

import io.sketches.Sketch;
import io.sketches.spark.aggregate.SketchSpec;
import java.util.Objects;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.expressions.Aggregator;
import scala.Tuple2;

/**
 * The one typed {@link Aggregator} over any core sketch: input rows update a sketch, partial
 * sketches merge, the result is the sketch itself. Its buffer and output encoders are {@link
 * SketchEncoders} (the sketch's own byte format), so state written to a Structured Streaming
 * checkpoint is versioned and checksummed. Use it typed, {@code ds.select(agg.toColumn())}, or
 * through {@code functions.udaf(agg, inputEncoder)}; {@link SketchFunctions} has ready-made ones.
 *
 * <p>Null inputs are skipped. For two-input sketches (regression) the input is a {@code
 * Tuple2<double[], Double>} of features and label.
 *
 * @param <IN> the input type
 * @param <S> the sketch type
 */
public final class SketchAggregator<IN, S extends Sketch<S>> extends Aggregator<IN, S, S> {
  private static final long serialVersionUID = 1L;

  private final SketchSpec<S> spec;
  private final Encoder<S> encoder;

  private SketchAggregator(SketchSpec<S> spec, Encoder<S> encoder) {
    this.spec = spec;
    this.encoder = encoder;
  }

  /**
   * The aggregator of {@code spec}, whose {@link SketchSpec#create()} must give a sketch (give the
   * dimension up front for regression and k-means).
   */
  public static <IN, S extends Sketch<S>> SketchAggregator<IN, S> of(
      SketchSpec<S> spec, Encoder<S> encoder) {
    if (spec.create() == null) {
      throw new IllegalArgumentException(
          spec.name() + ": a typed aggregator needs the full configuration (dimension)");
    }
    return new SketchAggregator<>(spec, Objects.requireNonNull(encoder, "encoder"));
  }

  @Override
  public S zero() {
    return spec.create();
  }

  @Override
  public S reduce(S sketch, IN input) {
    if (input == null) {
      return sketch;
    }
    if (spec.arity() == 2) {
      if (!(input instanceof Tuple2)) {
        throw new IllegalArgumentException(
            spec.name() + " takes (features, label) pairs as Tuple2; got " + input);
      }
      Tuple2<?, ?> pair = (Tuple2<?, ?>) input;
      if (pair._1() == null || pair._2() == null) {
        return sketch;
      }
      return spec.update(sketch, pair._1(), pair._2());
    }
    return spec.update(sketch, input, null);
  }

  @Override
  public S merge(S a, S b) {
    return spec.merge(a, b);
  }

  @Override
  public S finish(S sketch) {
    return spec.finish(sketch);
  }

  @Override
  public Encoder<S> bufferEncoder() {
    return encoder;
  }

  @Override
  public Encoder<S> outputEncoder() {
    return encoder;
  }
}
