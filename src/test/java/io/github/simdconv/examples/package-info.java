/** Example networks built from the layer package; run by the tests and the JMH suite. */
package io.github.simdconv.examples;
