/**
 * DNS on the wire (dnsjava): queries, answers and nameserver failover. Not API: anything here may
 * change in any release.
 */
@NullMarked
package io.privatelink.core.internal.dns;

import org.jspecify.annotations.NullMarked;
