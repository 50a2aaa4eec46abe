package io.sketches.regression;

import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The triangular factor R of the weighted matrix [X | y], in Gentleman's square-root-free form R =
 * D<sup>1/2</sup>·R̄ with R̄ unit upper triangular, updated one row at a time by Givens rotations
 * (Gentleman 1973, "Least squares computations by Givens transformations without square roots", J.
 * Inst. Maths Applics 12; Miller 1992, Algorithm AS 274, Applied Statistics 41).
 *
 * <p>Columns are the model columns (a leading column of ones when the model has an intercept) and
 * then y as the last column. R<sup>T</sup>R = [X | y]<sup>T</sup>W[X | y] holds at all times, but
 * the cross products are never formed: with the column of ones first, row 0 of R̄ is the running
 * weighted mean of every column and the rotation subtracts it before anything is squared, which is
 * West's (1979) centred update; this is what keeps ill-conditioned data such as Longley's accurate.
 * The last diagonal entry {@code d[n-1]} is the residual sum of squares of the fit.
 *
 * <p>Stacking two factors and re-triangularizing is the same operation: each row of the other
 * factor is included as an observation of weight {@code d[i]}, which for the row of means is Chan,
 * Golub and LeVeque's (1979) pairwise merge of means and co-moments.
 */
final class UpdatingQr {
  private final int columns;

  /** Diagonal D: squared scale of each row of R. */
  private final double[] d;

  /** Strict upper triangle of R̄, packed row by row (row i holds columns i+1..n-1). */
  private final double[] rbar;

  /** One row being rotated in; reused so that updates do not allocate. */
  private final double[] scratch;

  /**
   * Σ w·z<sub>j</sub>² of each column j over the rows rotated in (scaled like them): the column
   * sums of squares of R, which the reader bounds, tracked in O(n) per row so that an update can
   * tell cheaply whether it stays far inside that bound. Not serialized: recomputed from R.
   */
  private final double[] columnSquares;

  /** Observations rotated in by {@link #includeObservation}, merged factors included. */
  private long count;

  /** Σ of their weights, after {@link #scale}: the effective number of observations. */
  private double weightSum;

  UpdatingQr(int columns) {
    this.columns = columns;
    this.d = new double[columns];
    this.rbar = new double[columns * (columns - 1) / 2];
    this.scratch = new double[columns];
    this.columnSquares = new double[columns];
  }

  private UpdatingQr(UpdatingQr other) {
    this.columns = other.columns;
    this.d = other.d.clone();
    this.rbar = other.rbar.clone();
    this.scratch = new double[columns];
    this.columnSquares = other.columnSquares.clone();
    this.count = other.count;
    this.weightSum = other.weightSum;
  }

  UpdatingQr copy() {
    return new UpdatingQr(this);
  }

  int columns() {
    return columns;
  }

  static int rowOffset(int row, int columns) {
    return row * columns - row * (row + 1) / 2;
  }

  /**
   * Rotates in the observation [1 | x | y] (without the 1 unless {@code leadingOne}), minus {@code
   * shift} when it is not null (shift[0] is ignored), with weight {@code weight}.
   */
  void includeObservation(boolean leadingOne, double[] x, double y, double weight, double[] shift) {
    includeObservationRow(observationRow(leadingOne, x, y, shift), weight);
  }

  /**
   * The row [1 | x | y] (without the 1 unless {@code leadingOne}) minus {@code shift} when it is
   * not null, in this factor's scratch row: for {@link #staysWellInRange} and then {@link
   * #includeObservationRow}, before anything else touches the factor.
   */
  double[] observationRow(boolean leadingOne, double[] x, double y, double[] shift) {
    final double[] row = scratch;
    final int dimension = x.length;
    int offset = 0;
    if (leadingOne) {
      row[0] = 1.0;
      offset = 1;
    }
    if (shift == null) {
      System.arraycopy(x, 0, row, offset, dimension);
      row[offset + dimension] = y;
    } else {
      for (int i = 0; i < dimension; i++) {
        row[offset + i] = x[i] - shift[offset + i];
      }
      row[offset + dimension] = y - shift[offset + dimension];
    }
    return row;
  }

  /** Rotates in the row {@link #observationRow} returned, with weight {@code weight}. */
  void includeObservationRow(double[] row, double weight) {
    addColumnSquares(row, weight);
    include(row, weight, 0);
    count = Inputs.saturatedSum(count, 1);
    weightSum += weight;
  }

  private void addColumnSquares(double[] row, double weight) {
    for (int j = 0; j < columns; j++) {
      columnSquares[j] += weight * row[j] * row[j];
    }
  }

  /**
   * Whether scaling by {@code factor} and then rotating in {@code row} with {@code weight} leaves
   * every column sum of squares and the weight sum below 2^958, a quarter of what the reader
   * accepts: far enough that the rounding between the tracked sums and R's cannot cross the bound.
   * O(n); when false, the caller checks the result exactly ({@link #rangeDefect}).
   */
  boolean staysWellInRange(double[] row, double weight, double factor) {
    if (!(weightSum * factor + weight <= WELL_IN_RANGE)) {
      return false;
    }
    for (int j = 0; j < columns; j++) {
      if (!(columnSquares[j] * factor + weight * row[j] * row[j] <= WELL_IN_RANGE)) {
        return false;
      }
    }
    return true;
  }

  /** The largest tracked column sum of squares (Σ w·z<sub>j</sub>² of a column). */
  double maxColumnSquares() {
    double max = 0;
    for (double value : columnSquares) {
      max = Math.max(max, value);
    }
    return max;
  }

  long count() {
    return count;
  }

  double weightSum() {
    return weightSum;
  }

  /**
   * Gentleman's update (AS 274, INCLUD): {@code row[0..start)} must be zero. With d' = d + w x², c̄
   * = d/d', s̄ = w x/d': r̄ ← c̄ r̄ + s̄ x<sub>k</sub>, x<sub>k</sub> ← x<sub>k</sub> − x r̄, w ←
   * c̄ w.
   */
  private void include(double[] row, double weight, int start) {
    final int n = columns;
    final double[] d = this.d;
    final double[] rbar = this.rbar;
    double w = weight;
    int pos = rowOffset(start, n);
    final int last = n - 1;
    for (int i = start; i < last; i++) {
      if (w == 0.0) {
        return;
      }
      double xi = row[i];
      if (xi == 0.0) {
        pos += last - i;
        continue;
      }
      double di = d[i];
      double wxi = w * xi;
      double dpi = di + wxi * xi;
      if (dpi == 0.0) {
        // d = 0 and w·x² underflows: the row's weight is nil at double precision (0/0 otherwise)
        return;
      }
      double cbar = di / dpi;
      double sbar = wxi / dpi;
      w = cbar * w;
      d[i] = dpi;
      for (int k = i + 1; k < n; k++, pos++) {
        double xk = row[k];
        double rk = rbar[pos];
        row[k] = xk - xi * rk;
        rbar[pos] = cbar * rk + sbar * xk;
      }
    }
    // the last column (y) has no R̄ entries right of it: only d' = d + w x² is left to do, and
    // neither c̄, s̄ nor the new w is needed (two divisions fewer per row). No weight left (a row
    // of D = 0 took the observation whole, c̄ = 0): nothing to add, and the residual is not read —
    // it went through that row's R̄ entries, which D = 0 leaves without weight and unbounded.
    if (start <= last && w != 0.0) {
      double xl = row[last];
      double wxl = w * xl;
      d[last] = d[last] + wxl * xl;
    }
  }

  /** Stacks {@code other}'s rows under this factor and re-triangularizes. */
  void includeFactor(UpdatingQr other) {
    includeFactor(other, null, null);
  }

  /**
   * Stacks {@code other}'s rows, whose data were shifted by {@code from}, under this factor, whose
   * data are shifted by {@code to} (column 0 being the column of ones; null: no shift). In our
   * coordinates their rows are z − to = (z − from) + (from − to)·1, so their factor becomes R·(I +
   * e0 (from − to)ᵀ): only row 0 of R̄, the row of means, changes, by from − to.
   */
  void includeFactor(UpdatingQr other, double[] from, double[] to) {
    final int n = columns;
    for (int i = 0; i < n; i++) {
      double weight = other.d[i];
      if (weight == 0.0) {
        continue;
      }
      Arrays.fill(scratch, 0, i, 0.0);
      scratch[i] = 1.0;
      System.arraycopy(other.rbar, rowOffset(i, n), scratch, i + 1, n - i - 1);
      if (i == 0 && from != null) {
        for (int j = 1; j < n; j++) {
          scratch[j] += from[j] - to[j];
        }
      }
      include(scratch, weight, i);
    }
    count = Inputs.saturatedSum(count, other.count);
    weightSum += other.weightSum;
    // the other factor's rows moved by (from − to): its sums changed; a merge is O(n³) anyway
    refreshColumnSquares();
  }

  /**
   * {@link #columnSumOfSquares}{@code (j, 0)} of every column j, bit for bit (the same order of
   * additions), computed row by row so that the packed rows are read in order.
   */
  private double[] columnSumsOfSquares() {
    double[] sums = new double[columns];
    for (int i = 0; i < columns; i++) {
      double di = d[i];
      sums[i] += di;
      int pos = rowOffset(i, columns);
      for (int k = i + 1; k < columns; k++, pos++) {
        double r = rbar[pos];
        sums[k] += di * r * r;
      }
    }
    return sums;
  }

  /** Adds the row λ·e<sub>j</sub> with response 0 (ridge augmentation, Hoerl and Kennard 1970). */
  void includeUnitRow(int column, double weightOfRow) {
    Arrays.fill(scratch, 0.0);
    scratch[column] = 1.0;
    columnSquares[column] += weightOfRow;
    include(scratch, weightOfRow, column);
  }

  /** Adds an arbitrary row with its weight; the row array is overwritten. */
  void includeRow(double[] row, double weight) {
    addColumnSquares(row, weight);
    include(row, weight, 0);
  }

  /** Multiplies every row of R by √factor, i.e. every weight seen so far by {@code factor}. */
  void scale(double factor) {
    for (int i = 0; i < columns; i++) {
      d[i] *= factor;
      columnSquares[i] *= factor;
    }
    weightSum *= factor;
  }

  /** Residual sum of squares of the least-squares fit on all model columns. */
  double residualSumOfSquares() {
    return d[columns - 1];
  }

  /**
   * Σ of the squared entries of column {@code column} of R, i.e. the weighted sum of its squares.
   */
  double columnSumOfSquares(int column, int fromRow) {
    double sum = 0;
    for (int i = fromRow; i < column; i++) {
      double r = rbar[rowOffset(i, columns) + column - i - 1];
      sum += d[i] * r * r;
    }
    return sum + (column >= fromRow ? d[column] : 0.0);
  }

  /**
   * The first model column whose residual, after projection on the earlier columns, is below {@code
   * relativeTolerance} times its norm; −1 if the model columns are linearly independent.
   */
  int firstDependentColumn(double relativeTolerance) {
    double tolSq = relativeTolerance * relativeTolerance;
    for (int j = 0; j < columns - 1; j++) {
      double total = columnSumOfSquares(j, 0);
      if (!(d[j] > tolSq * total)) {
        return j;
      }
    }
    return -1;
  }

  /** ‖R v‖² = Σ<sub>i</sub> d<sub>i</sub> (R̄<sub>i</sub>·v)², over all columns including y. */
  double squaredNormOfProduct(double[] v) {
    double sum = 0;
    for (int i = 0; i < columns; i++) {
      int pos = rowOffset(i, columns);
      double dot = v[i];
      for (int k = i + 1; k < columns; k++) {
        dot += rbar[pos + k - i - 1] * v[k];
      }
      sum += d[i] * dot * dot;
    }
    return sum;
  }

  /** Back-substitution R̄ b = θ, with θ the last column of R̄ (the rotated responses). */
  double[] solve() {
    final int n = columns;
    final int p = n - 1;
    double[] b = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      int pos = rowOffset(i, n);
      double value = rbar[pos + p - i - 1];
      for (int k = i + 1; k < p; k++) {
        value -= rbar[pos + k - i - 1] * b[k];
      }
      b[i] = value;
    }
    return b;
  }

  /**
   * (R<sup>T</sup>R)<sup>−1</sup> of the model columns = R̄<sup>−1</sup> D<sup>−1</sup>
   * R̄<sup>−T</sup>.
   */
  double[][] inverseGram() {
    final int n = columns;
    final int p = n - 1;
    // inverse of the unit upper triangular R̄ by columns (back-substitution on unit vectors)
    double[][] inverse = new double[p][p];
    for (int j = 0; j < p; j++) {
      inverse[j][j] = 1.0;
      for (int i = j - 1; i >= 0; i--) {
        int pos = rowOffset(i, n);
        double value = 0;
        for (int k = i + 1; k <= j; k++) {
          value -= rbar[pos + k - i - 1] * inverse[k][j];
        }
        inverse[i][j] = value;
      }
    }
    double[][] gramInverse = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = a; b < p; b++) {
        double sum = 0;
        for (int k = Math.max(a, b); k < p; k++) {
          sum += inverse[a][k] * inverse[b][k] / d[k];
        }
        gramInverse[a][b] = sum;
        gramInverse[b][a] = sum;
      }
    }
    return gramInverse;
  }

  /** vᵀMv. */
  static double quadraticForm(double[] v, double[][] m) {
    double sum = 0;
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        sum += v[a] * m[a][b] * v[b];
      }
    }
    return sum;
  }

  /**
   * The 2-norm condition number of the weighted model columns {@code from..p−1} after projection on
   * the columns before {@code from} (from = 1 with a leading column of ones: the centred columns),
   * from the singular values of that block of R.
   */
  double conditionNumber(int from) {
    final int n = columns;
    final int p = n - 1;
    double[][] dense = toDense();
    double[][] r = new double[p - from][];
    for (int i = from; i < p; i++) {
      r[i - from] = java.util.Arrays.copyOfRange(dense[i], from, p);
    }
    SingularValueDecomposition svd =
        new SingularValueDecomposition(new Array2DRowRealMatrix(r, false));
    double[] singular = svd.getSingularValues();
    double smallest = singular[singular.length - 1];
    return smallest == 0.0 ? Double.POSITIVE_INFINITY : singular[0] / smallest;
  }

  /** R = D<sup>1/2</sup> R̄ as a dense upper triangular matrix, all columns including y. */
  double[][] toDense() {
    double[][] r = new double[columns][columns];
    for (int i = 0; i < columns; i++) {
      double scaleOfRow = Math.sqrt(d[i]);
      r[i][i] = scaleOfRow;
      int pos = rowOffset(i, columns);
      for (int k = i + 1; k < columns; k++) {
        r[i][k] = scaleOfRow * rbar[pos + k - i - 1];
      }
    }
    return r;
  }

  /** count (varint), weight sum, D, then R̄ row by row. */
  void write(SketchWriter out) {
    out.putVarLong(count).putDouble(weightSum);
    out.putDoubles(d);
    out.putDoubles(rbar);
  }

  /**
   * Reads what {@link #write} wrote; every entry must be finite and every d non-negative, d[0]
   * equal to the weight sum with a leading column of ones, each column of R = D<sup>1/2</sup>R̄
   * must have a sum of squares (the weighted Σ of the column's squares, which every query relies
   * on) of at most {@link #MAX_COLUMN_SUM_OF_SQUARES}. The factor is allocated only once the bytes
   * are known to hold all its entries.
   */
  static UpdatingQr read(SketchReader in, int columns, boolean leadingOne) {
    long count = in.getVarLong();
    in.check(count > 0, "a non-empty sketch has a positive count, found %d", count);
    double weightSum = in.getDouble();
    in.check(
        weightSum >= 0 && weightSum <= MAX_COLUMN_SUM_OF_SQUARES,
        "weight sum must be in [0, 2^960], found %s",
        weightSum);
    long entries = columns + (long) columns * (columns - 1) / 2;
    in.check(
        8 * entries <= in.remaining(),
        "a factor of %d columns needs %d bytes, %d remain",
        columns,
        8 * entries,
        in.remaining());
    UpdatingQr factor = new UpdatingQr(columns);
    factor.count = count;
    factor.weightSum = weightSum;
    // (explicit tests rather than in.check: no boxing per entry of a factor of millions)
    for (int i = 0; i < columns; i++) {
      double value = in.getDouble();
      if (!(Double.isFinite(value) && value >= 0.0)) {
        throw in.fail(
            "diagonal entry %d of the factor must be finite and non-negative, found %s", i, value);
      }
      factor.d[i] = value;
    }
    // The column of ones rotates in each weight w as d[0] + w·1·1, the sum the weight sum takes in
    // the same order (merges and scaling alike): the two are equal bit for bit.
    in.check(
        !leadingOne || factor.d[0] == weightSum,
        "with an intercept, D[0] (the weight of the column of ones) must equal the weight sum %s: %s",
        weightSum,
        factor.d[0]);
    for (int i = 0; i < factor.rbar.length; i++) {
      double value = in.getDouble();
      if (!Double.isFinite(value)) {
        throw in.fail("factor entry %d must be finite, found %s", i, value);
      }
      factor.rbar[i] = value;
    }
    String defect = factor.rangeDefect(leadingOne);
    in.check(defect == null, "%s", defect);
    return factor;
  }

  /**
   * Why this factor is outside what {@link #read} accepts, or null: the weight sum in [0, 2^960]
   * (and equal to D[0] with a leading column of ones), every entry finite, every column of R with a
   * sum of squares of at most 2^960. O(n²); refreshes the tracked sums with R's own.
   */
  String rangeDefect(boolean leadingOne) {
    refreshColumnSquares();
    return trackedRangeDefect(leadingOne);
  }

  /** The tracked column sums of squares recomputed from R, bit for bit: O(n²). */
  private void refreshColumnSquares() {
    System.arraycopy(columnSumsOfSquares(), 0, columnSquares, 0, columns);
  }

  /**
   * {@link #rangeDefect} with the tracked sums as they are, for a factor whose sums were just
   * refreshed ({@link #includeFactor} does): a merge then checks them without recounting them.
   */
  String trackedRangeDefect(boolean leadingOne) {
    if (!(weightSum >= 0 && weightSum <= MAX_COLUMN_SUM_OF_SQUARES)) {
      return "weight sum must be in [0, 2^960], found " + weightSum;
    }
    if (leadingOne && d[0] != weightSum) {
      return "with an intercept, D[0] (the weight of the column of ones) must equal the weight sum "
          + weightSum
          + ": "
          + d[0];
    }
    if (!allFinite(rbar)) {
      return "the factor R̄ has an entry that is not finite";
    }
    for (int j = 0; j < columns; j++) {
      if (!(d[j] >= 0 && columnSquares[j] <= MAX_COLUMN_SUM_OF_SQUARES)) {
        return "column "
            + j
            + " of the factor has a sum of squares of "
            + columnSquares[j]
            + ", above 2^960: D or R̄ out of range";
      }
    }
    return null;
  }

  /** Where {@link #staysWellInRange} stops vouching for an update: 2^958. */
  private static final double WELL_IN_RANGE = 0x1p958;

  /**
   * Largest accepted sum of squares of a column of R read from bytes (the weighted Σ of the
   * column's squares), and weight sum: 2^64 below the overflow, so merges and updates stay finite.
   */
  static final double MAX_COLUMN_SUM_OF_SQUARES = 0x1p960;

  /**
   * Whether every model column's d is positive and finite with a finite inverse: R has full rank,
   * RᵀR is positive definite and {@link #inverseGram} divides by no zero.
   */
  boolean hasInvertibleDiagonal() {
    for (int i = 0; i < columns - 1; i++) {
      if (!(d[i] > 0 && d[i] < Double.POSITIVE_INFINITY && 1.0 / d[i] < Double.POSITIVE_INFINITY)) {
        return false;
      }
    }
    return true;
  }

  static boolean allFinite(double[] values) {
    for (double value : values) {
      if (!Double.isFinite(value)) {
        return false;
      }
    }
    return true;
  }

  /** Bytes {@link #write} produces for a factor of {@code columns} columns. */
  static int serializedBytes(int columns) {
    return 18 + 8 * (columns + columns * (columns - 1) / 2);
  }
}
