/**
 * Microsoft's table of privatelink DNS zones and the alias of a public name. Not API: anything here
 * may change in any release.
 */
@NullMarked
package io.privatelink.core.internal.zones;

import org.jspecify.annotations.NullMarked;
