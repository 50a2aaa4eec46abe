package io.sketches.regression;

import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The triangular factor R of the weighted matrix [X | y], in Gentleman's square-root-free form
 * R = D<sup>1/2</sup>·R̄ with R̄ unit upper triangular, updated one row at a time by Givens
 * rotations (Gentleman 1973, "Least squares computations by Givens transformations without square
 * roots", J. Inst. Maths Applics 12; Miller 1992, Algorithm AS 274, Applied Statistics 41).
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

  UpdatingQr(int columns) {
    this.columns = columns;
    this.d = new double[columns];
    this.rbar = new double[columns * (columns - 1) / 2];
    this.scratch = new double[columns];
  }

  private UpdatingQr(UpdatingQr other) {
    this.columns = other.columns;
    this.d = other.d.clone();
    this.rbar = other.rbar.clone();
    this.scratch = new double[columns];
  }

  UpdatingQr copy() {
    return new UpdatingQr(this);
  }

  int columns() {
    return columns;
  }

  /** The scratch row callers fill before {@link #includeScratch}. */
  double[] scratch() {
    return scratch;
  }

  static int rowOffset(int row, int columns) {
    return row * columns - row * (row + 1) / 2;
  }

  /** Rotates the scratch row, weighted by {@code weight}, into the factor; destroys the scratch. */
  void includeScratch(double weight) {
    include(scratch, weight, 0);
  }

  /**
   * Gentleman's update (AS 274, INCLUD): {@code row[0..start)} must be zero. With d' = d + w x²,
   * c̄ = d/d', s̄ = w x/d': r̄ ← c̄ r̄ + s̄ x<sub>k</sub>, x<sub>k</sub> ← x<sub>k</sub> − x r̄, w ← c̄ w.
   */
  private void include(double[] row, double weight, int start) {
    final int n = columns;
    final double[] d = this.d;
    final double[] rbar = this.rbar;
    double w = weight;
    int pos = rowOffset(start, n);
    for (int i = start; i < n; i++) {
      if (w == 0.0) {
        return;
      }
      double xi = row[i];
      if (xi == 0.0) {
        pos += n - i - 1;
        continue;
      }
      double di = d[i];
      double wxi = w * xi;
      double dpi = di + wxi * xi;
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
  }

  /** Stacks {@code other}'s rows under this factor and re-triangularizes. */
  void includeFactor(UpdatingQr other) {
    final int n = columns;
    for (int i = 0; i < n; i++) {
      double weight = other.d[i];
      if (weight == 0.0) {
        continue;
      }
      Arrays.fill(scratch, 0, i, 0.0);
      scratch[i] = 1.0;
      System.arraycopy(other.rbar, rowOffset(i, n), scratch, i + 1, n - i - 1);
      include(scratch, weight, i);
    }
  }

  /** Adds the row λ·e<sub>j</sub> with response 0 (ridge augmentation, Hoerl and Kennard 1970). */
  void includeUnitRow(int column, double weightOfRow) {
    Arrays.fill(scratch, 0.0);
    scratch[column] = 1.0;
    include(scratch, weightOfRow, column);
  }

  /** Adds an arbitrary row with its weight; the row array is overwritten. */
  void includeRow(double[] row, double weight) {
    include(row, weight, 0);
  }

  /**
   * Re-expresses a factor of rows shifted by {@code from} as one of rows shifted by {@code to}
   * (column 0 being the column of ones): R̄<sub>0j</sub> += from<sub>j</sub> − to<sub>j</sub>.
   */
  void shiftMeans(double[] from, double[] to) {
    for (int j = 1; j < columns; j++) {
      rbar[j - 1] += from[j] - to[j];
    }
  }

  /** Multiplies every row of R by √factor, i.e. every weight seen so far by {@code factor}. */
  void scale(double factor) {
    for (int i = 0; i < columns; i++) {
      d[i] *= factor;
    }
  }

  /** Residual sum of squares of the least-squares fit on all model columns. */
  double residualSumOfSquares() {
    return d[columns - 1];
  }

  /** Σ of the squared entries of column {@code column} of R, i.e. the weighted sum of its squares. */
  double columnSumOfSquares(int column, int fromRow) {
    double sum = 0;
    for (int i = fromRow; i < column; i++) {
      double r = rbar[rowOffset(i, columns) + column - i - 1];
      sum += d[i] * r * r;
    }
    return sum + (column >= fromRow ? d[column] : 0.0);
  }

  /**
   * The first model column whose residual, after projection on the earlier columns, is below
   * {@code relativeTolerance} times its norm; −1 if the model columns are linearly independent.
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

  /** (R<sup>T</sup>R)<sup>−1</sup> of the model columns = R̄<sup>−1</sup> D<sup>−1</sup> R̄<sup>−T</sup>. */
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

  /**
   * The 2-norm condition number of the weighted model columns {@code from..p−1} after projection
   * on the columns before {@code from} (from = 1 with a leading column of ones: the centred
   * columns), from the singular values of that block of R.
   */
  double conditionNumber(int from) {
    final int n = columns;
    final int p = n - 1;
    double[][] r = new double[p - from][p - from];
    for (int i = from; i < p; i++) {
      double scaleOfRow = Math.sqrt(d[i]);
      r[i - from][i - from] = scaleOfRow;
      int pos = rowOffset(i, n);
      for (int k = i + 1; k < p; k++) {
        r[i - from][k - from] = scaleOfRow * rbar[pos + k - i - 1];
      }
    }
    SingularValueDecomposition svd =
        new SingularValueDecomposition(new Array2DRowRealMatrix(r, false));
    double[] singular = svd.getSingularValues();
    double smallest = singular[singular.length - 1];
    return smallest == 0.0 ? Double.POSITIVE_INFINITY : singular[0] / smallest;
  }

  /** The square-root-free factor's raw entries, for exact equality of states. */
  double diagonal(int i) {
    return d[i];
  }

  void write(SketchWriter out) {
    out.putDoubles(d);
    out.putDoubles(rbar);
  }

  /** Reads what {@link #write} wrote; every entry must be finite and every d non-negative. */
  static UpdatingQr read(SketchReader in, int columns) {
    UpdatingQr factor = new UpdatingQr(columns);
    in.check((long) 8 * (columns + factor.rbar.length) <= in.remaining(),
        "a factor of %d columns needs %d bytes, %d remain", columns,
        8L * (columns + factor.rbar.length), in.remaining());
    for (int i = 0; i < columns; i++) {
      double value = in.getDouble();
      in.check(Double.isFinite(value) && value >= 0.0,
          "diagonal entry %d of the factor must be finite and non-negative, found %s", i, value);
      factor.d[i] = value;
    }
    for (int i = 0; i < factor.rbar.length; i++) {
      double value = in.getDouble();
      in.check(Double.isFinite(value), "factor entry %d must be finite, found %s", i, value);
      factor.rbar[i] = value;
    }
    return factor;
  }

  /** Bytes {@link #write} produces for a factor of {@code columns} columns. */
  static int serializedBytes(int columns) {
    return 8 * (columns + columns * (columns - 1) / 2);
  }
}
