/** JMH micro-benchmarks of the policy, the resolver cache and cold verification. */
package io.privatelink.benchmarks.micro;
