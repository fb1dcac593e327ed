package io.privatelink.hapi;

import java.net.UnknownHostException;

/**
 * Proves a host private before anything secret is fetched for it. {@link AzureTokenInterceptor}
 * calls it on the request thread right before each token request; it must be cheap when the answer
 * is cached and must throw for any host that is not reached over its private endpoint.
 */
@FunctionalInterface
interface HostVerifier {

  /**
   * Returns normally only if {@code host} verified as private.
   *
   * @throws UnknownHostException (in practice core's {@code PrivateLinkException}) otherwise
   */
  void verify(String host) throws UnknownHostException;
}
