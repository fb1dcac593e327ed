/** The benchmark report: machine facts, tables and the ratio chart. */
package io.privatelink.benchmarks.report;
