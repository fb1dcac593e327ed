/**
 * The address rules behind {@link io.privatelink.core.NetworkPolicy}: CIDRs, special ranges and the
 * prefix table. Not API: anything here may change in any release.
 */
@NullMarked
package io.privatelink.core.internal.policy;

import org.jspecify.annotations.NullMarked;
