/** The benchmark harness: runs every scenario and writes the report. */
@NullMarked
package io.privatelink.benchmarks;

import org.jspecify.annotations.NullMarked;
