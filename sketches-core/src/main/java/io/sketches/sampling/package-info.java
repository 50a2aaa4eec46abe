/**
 * Random samples of streams: {@link io.sketches.sampling.ReservoirSampler} (uniform, Li's Algorithm
 * L) and {@link io.sketches.sampling.WeightedReservoirSampler} (Efraimidis–Spirakis A-ExpJ), both
 * mergeable, seeded and serializable with their generator state. See {@code docs/sampling.md}.
 */
package io.sketches.sampling;
