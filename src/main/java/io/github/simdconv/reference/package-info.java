/**
 * The naive oracle: convolution and pooling written straight from their definitions, with
 * double accumulation. Never called by the fast paths; the tests and benchmarks hold every
 * fast algorithm against it, and it is itself checked against hand-computed cases.
 */
package io.github.simdconv.reference;
