/**
 * Quantiles of a stream: {@link io.sketches.quantiles.QuantileSketch}, a mergeable KLL sketch
 * (Karnin, Lang and Liberty 2016) of longs or doubles with a rank error bound that holds for all
 * ranks at once.
 */
package io.sketches.quantiles;
