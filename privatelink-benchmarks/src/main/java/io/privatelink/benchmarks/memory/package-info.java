/** Memory scenarios: the heap each cached host retains in the resolver. */
@NullMarked
package io.privatelink.benchmarks.memory;

import org.jspecify.annotations.NullMarked;
