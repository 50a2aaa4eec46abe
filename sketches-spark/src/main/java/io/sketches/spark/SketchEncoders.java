package io.sketches.spark;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.Codec;
import scala.Function0;
import scala.reflect.ClassTag$;

/**
 * Spark {@link Encoder}s that store a sketch as one {@code BINARY} column holding its own
 * versioned, checksummed bytes ({@link Sketch#toByteArray()}), instead of Kryo or bean fields. A
 * Dataset of sketches, an {@link SketchAggregator}'s buffer and its result all use them, so a
 * checkpointed buffer survives a restart and an upgrade, and a blob written by anything else is
 * refused with a {@link SketchFormatException} naming the sketch class.
 */
public final class SketchEncoders {
  private SketchEncoders() {}

  /** A reader of sketch bytes that Spark can ship to executors. */
  public interface Reader<S> extends Function<byte[], S>, Serializable {}

  /**
   * The encoder of sketches of class {@code type}, read back with {@code reader} (the sketch's
   * {@code fromByteArray}): {@code SketchEncoders.of(HyperLogLog.class,
   * HyperLogLog::fromByteArray)}.
   */
  public static <S extends Sketch<S>> Encoder<S> of(Class<S> type, Reader<S> reader) {
    BytesCodec<S> codec = new BytesCodec<>(type.getSimpleName(), reader);
    Function0<Codec<? super S, byte[]>> provider = new CodecProvider<>(codec);
    return new AgnosticEncoders.TransformingEncoder<S, byte[]>(
        ClassTag$.MODULE$.apply(type), AgnosticEncoders.BinaryEncoder$.MODULE$, provider, false);
  }

  /**
   * The encoder of feature vectors as {@code ARRAY<DOUBLE>}, for typed regression and k-means
   * inputs: {@code Encoders.tuple(SketchEncoders.features(), Encoders.DOUBLE())}.
   */
  @SuppressWarnings("unchecked")
  public static Encoder<double[]> features() {
    return (Encoder<double[]>)
        (Encoder<?>)
            new AgnosticEncoders.ArrayEncoder<>(
                AgnosticEncoders.PrimitiveDoubleEncoder$.MODULE$, false);
  }

  /** Sketch to its bytes and back. */
  private static final class BytesCodec<S extends Sketch<S>> implements Codec<S, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final Reader<S> reader;

    BytesCodec(String type, Reader<S> reader) {
      this.type = type;
      this.reader = reader;
    }

    @Override
    public byte[] encode(S sketch) {
      return sketch.toByteArray();
    }

    @Override
    public S decode(byte[] bytes) {
      try {
        return reader.apply(bytes);
      } catch (SketchFormatException e) {
        throw new SketchFormatException(
            "a " + type + " column holds bytes that are not one: " + e.getMessage(), e);
      }
    }
  }

  private static final class CodecProvider<S extends Sketch<S>>
      extends scala.runtime.AbstractFunction0<Codec<? super S, byte[]>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final BytesCodec<S> codec;

    CodecProvider(BytesCodec<S> codec) {
      this.codec = codec;
    }

    @Override
    public Codec<? super S, byte[]> apply() {
      return codec;
    }
  }
}
