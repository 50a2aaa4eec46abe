package io.sketches.spark;

import io.sketches.spark.catalog.Registration;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Registers every {@code sk_*} function in every session of a Spark application:
 *
 * <pre>
 * spark-submit --conf spark.sql.extensions=io.sketches.spark.SketchesExtensions ...
 * </pre>
 *
 * <p>This is all a SQL or PySpark user needs; the functions then exist in every new session.
 */
public final class SketchesExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit>
    implements SparkSessionExtensionsProvider {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    Registration.inject(extensions);
    return BoxedUnit.UNIT;
  }
}
