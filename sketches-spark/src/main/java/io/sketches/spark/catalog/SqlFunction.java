package io.sketches.spark.catalog;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * One {@code sk_*} SQL function as the catalog knows it: what {@code DESCRIBE FUNCTION EXTENDED}
 * shows (signature, description, arguments, examples, group) and the builder that turns the call's
 * arguments into a Catalyst expression, validating literal configuration on the way. The signature
 * is also the heading of the function in {@code docs/sql-functions.md}, which a test keeps equal to
 * it.
 *
 * @param name the SQL name, {@code sk_...}
 * @param signature the call form, {@code sk_hll(expr [, precision | relative_sd])}
 * @param description what the function returns, one sentence
 * @param arguments each argument with its meaning, default and range
 * @param examples runnable queries ({@code _FUNC_} stands for the name) with their results
 * @param aggregate whether it is an aggregate ({@code agg_funcs}) or a scalar ({@code misc_funcs})
 * @param builder the call's arguments to the expression
 */
public record SqlFunction(
    String name,
    String signature,
    String description,
    List<Argument> arguments,
    List<Example> examples,
    boolean aggregate,
    Function<Arguments, Expression> builder) {

  /** The version in which the {@code sk_*} functions appeared. */
  public static final String SINCE = "0.1.0";

  /** One argument of the call: its name as in the signature and what it means. */
  public record Argument(String name, String meaning) {}

  /**
   * One example: a query using {@code _FUNC_} and its result as {@code Row.toString} prints the
   * first row's only column; a test runs every example.
   */
  public record Example(String query, String result) {}

  /** The usage line of {@code DESCRIBE FUNCTION}: {@code _FUNC_(args) - description}. */
  public String usage() {
    return "_FUNC_" + signature.substring(name.length()) + " - " + description;
  }

  /** Spark's {@code ExpressionInfo} arguments block. */
  public String argumentsBlock() {
    StringBuilder text = new StringBuilder("\n    Arguments:\n");
    for (Argument argument : arguments) {
      text.append("      * ")
          .append(argument.name())
          .append(" - ")
          .append(argument.meaning())
          .append('\n');
    }
    return text.append("  ").toString();
  }

  /** Spark's {@code ExpressionInfo} examples block. */
  public String examplesBlock() {
    StringBuilder text = new StringBuilder("\n    Examples:\n");
    for (Example example : examples) {
      text.append("      > ")
          .append(example.query())
          .append('\n')
          .append("       ")
          .append(example.result())
          .append('\n');
    }
    return text.append("  ").toString();
  }
}
