/** Host name and IP literal parsing. Not API: anything here may change in any release. */
@NullMarked
package io.privatelink.core.internal.host;

import org.jspecify.annotations.NullMarked;
