/**
 * How a row value becomes a sketch input: {@link io.sketches.spark.input.ItemType}, the one table
 * of item types every item-taking function consults (which column types are items, their hash, how
 * kept items are stored and returned); {@link io.sketches.spark.input.QuantileInput}, the same for
 * the column types a quantile sketch takes (kept as longs or doubles, returned in their own type),
 * and {@link io.sketches.spark.input.QuantileRows}, its values read unboxed from the row; {@link
 * io.sketches.spark.input.RowHasher}, the item hash read straight from the row; {@link
 * io.sketches.spark.input.Features} and {@link io.sketches.spark.input.FeatureReader}, feature
 * vectors and labels for the models; {@link io.sketches.spark.input.StoredBytes}, sketch bytes read
 * from a column, refused in the name of the function that read them.
 */
package io.sketches.spark.input;
