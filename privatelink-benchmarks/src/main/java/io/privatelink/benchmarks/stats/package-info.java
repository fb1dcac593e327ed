/** The statistics the harness reports: medians over rounds with bootstrap confidence intervals. */
package io.privatelink.benchmarks.stats;
