package io.privatelink.it;

import io.privatelink.core.NetworkPolicy;

/**
 * Who plays what in the DNS suites that run on loopback: 127.0.0.1 is the private endpoint,
 * 127.0.0.2 the public internet, and {@link #POLICY} counts only the first as private.
 */
final class LoopbackStage {

  /** A host outside every private-link zone, for answers judged by the policy alone. */
  static final String HOST = "svc.internal.example";

  /** A FHIR service host, for answers that follow the private-link zones. */
  static final String FHIR = "myfhir.azurehealthcareapis.com";

  /** The address that plays the private endpoint. */
  static final String PRIVATE_IP = "127.0.0.1";

  /** The address that plays the public internet. */
  static final String PUBLIC_IP = "127.0.0.2";

  /** A policy under which only {@link #PRIVATE_IP} is private. */
  static final NetworkPolicy POLICY =
      NetworkPolicy.builder().withoutDefaults().allow(PRIVATE_IP + "/32").build();

  private LoopbackStage() {}
}
