package io.sketches.spark.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Analysis errors under Spark's own error conditions ({@code WRONG_NUM_ARGS}, {@code
 * DATATYPE_MISMATCH.*}), so an {@code sk_*} call that a built-in would refuse is refused with the
 * same condition name and SQLSTATE, and our words in the condition's parameters.
 */
final class SqlConditions {
  private SqlConditions() {}

  /**
   * An {@link AnalysisException} of {@code condition} (as in Spark's {@code error-conditions.json})
   * with the given parameter names and values, alternating; to be thrown: {@code throw
   * SqlConditions.analysis(...)}. (An {@code AnalysisException} is a checked exception to javac but
   * not to Scala callers; it is thrown here unchecked, as the analyzer expects.)
   */
  static RuntimeException analysis(String condition, String... namesAndValues) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    AnalysisException e =
        new AnalysisException(
            condition,
            CollectionConverters.asScala(parameters).toMap(scala.$less$colon$less$.MODULE$.refl()));
    throw SqlConditions.<RuntimeException>sneaky(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
