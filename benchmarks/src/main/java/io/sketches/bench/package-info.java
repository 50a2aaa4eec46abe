/** JMH benchmarks and accuracy studies of every sketch against its anchors. */
package io.sketches.bench;
