/**
 * Load scenarios: guarded and plain clients against loopback servers, closed loop and interleaved.
 */
@NullMarked
package io.privatelink.benchmarks.load;

import org.jspecify.annotations.NullMarked;
