/**
 * Streaming linear regression with mergeable state: exact least squares from an updating QR factor
 * ({@link io.sketches.regression.StreamingLinearRegression}), Bayesian linear regression with a
 * Gaussian prior ({@link io.sketches.regression.BayesianLinearRegression}), and mini-batch gradient
 * descent for very wide models ({@link io.sketches.regression.SgdLinearRegression}). See {@code
 * docs/regression.md}.
 */
package io.sketches.regression;
