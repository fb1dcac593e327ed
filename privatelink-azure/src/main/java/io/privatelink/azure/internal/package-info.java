/**
 * Internals of the Azure adapter (the token cache). Not API: anything here may change in any
 * release.
 */
@NullMarked
package io.privatelink.azure.internal;

import org.jspecify.annotations.NullMarked;
