/** Wall time of the CLI's start, side by side with a JVM that prints "hi". */
@NullMarked
package io.privatelink.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
