/** JMH micro-benchmarks of the policy, the resolver cache and cold verification. */
@NullMarked
package io.privatelink.benchmarks.micro;

import org.jspecify.annotations.NullMarked;
