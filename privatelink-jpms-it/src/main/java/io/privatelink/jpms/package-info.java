/**
 * A module-path application of every published module, one call into each: see {@link
 * io.privatelink.jpms.ModulePathConsumer}.
 */
@NullMarked
package io.privatelink.jpms;

import org.jspecify.annotations.NullMarked;
