/** CLI start-up time scenarios. */
package io.privatelink.benchmarks.startup;
