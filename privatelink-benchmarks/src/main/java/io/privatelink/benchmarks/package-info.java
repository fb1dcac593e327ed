/** The benchmark harness: runs every scenario and writes the report. */
package io.privatelink.benchmarks;
