/** The benchmark report: machine facts, tables and the ratio chart. */
@NullMarked
package io.privatelink.benchmarks.report;

import org.jspecify.annotations.NullMarked;
