/**
 * The private-link guard: {@link io.privatelink.core.NetworkPolicy} decides what is private, {@link
 * io.privatelink.core.PrivateLinkResolver} resolves each host the way the VNet does, and {@link
 * io.privatelink.core.GuardedHttpClient} hands out an OkHttp client that connects only to verified
 * private addresses.
 */
@NullMarked
package io.privatelink.core;

import org.jspecify.annotations.NullMarked;
