package io.sketches.spark.aggregate;

import io.sketches.clustering.DecayUnit;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.spark.input.Features;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_kmeans(features, k [, decay [, seed]])}: a mergeable weighted summary of the points
 * ({@link StreamingKMeans}) from which {@code sk_centers} and {@code sk_cluster_id} compute k
 * centers by seeded weighted k-means++ and Lloyd. The dimension is taken from the first row.
 *
 * <p>{@code decay} (default 1, keep everything) is applied per point in the order each partition
 * reads its rows ({@link DecayUnit#POINTS}); merging partitions does not re-apply it, so use it
 * only when row order within a group means something.
 *
 * @param dimension the number of features, or 0 to take it from the first row
 */
public record KMeansSpec(int k, int dimension, double decay, long seed)
    implements SketchSpec<StreamingKMeans> {
  public static final String NAME = "sk_kmeans";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StreamingKMeans create() {
    return dimension == 0 ? null : create(dimension);
  }

  private StreamingKMeans create(int d) {
    return StreamingKMeans.builder()
        .k(k)
        .dimension(d)
        .decayFactor(decay, DecayUnit.POINTS)
        .seed(seed)
        .build();
  }

  @Override
  public StreamingKMeans update(StreamingKMeans model, Object features, Object unused) {
    double[] x = Features.features(NAME, features);
    if (model == null) {
      if (x.length == 0) {
        throw new IllegalArgumentException(NAME + ": a point needs at least one feature: []");
      }
      model = create(x.length);
    }
    Features.checkDimension(NAME, model.dimension(), x);
    return model.update(x);
  }

  @Override
  public StreamingKMeans fromBytes(byte[] bytes) {
    return StreamingKMeans.fromByteArray(bytes);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(StreamingKMeans model) {
    return model == null ? null : model.toByteArray();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return Features.checkFeaturesType(types.get(0), 0);
  }
}
