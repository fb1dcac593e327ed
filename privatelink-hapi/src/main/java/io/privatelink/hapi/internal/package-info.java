/**
 * HAPI's HTTP client SPI on the guarded OkHttp client. Not API: anything here may change in any
 * release.
 */
@NullMarked
package io.privatelink.hapi.internal;

import org.jspecify.annotations.NullMarked;
