/**
 * Load scenarios: guarded and plain clients against loopback servers, closed loop and interleaved.
 */
package io.privatelink.benchmarks.load;
