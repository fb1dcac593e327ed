/** The statistics the harness reports: medians over rounds with bootstrap confidence intervals. */
@NullMarked
package io.privatelink.benchmarks.stats;

import org.jspecify.annotations.NullMarked;
