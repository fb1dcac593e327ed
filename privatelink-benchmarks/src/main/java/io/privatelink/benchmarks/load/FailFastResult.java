package io.privatelink.benchmarks.load;

/**
 * Time from call to exception for a host whose privatelink zone is not linked. All times are
 * medians in milliseconds.
 *
 * @param guardedColdMillis guarded client, cache off: DNS round trip, verdict, exception
 * @param guardedCachedMillis guarded client, refusal answered from the negative cache
 * @param dnsRoundTripMillis a raw A+AAAA query pair for the same host to the same server
 * @param unguardedMillis unguarded client pinned to the black-holed "public" address
 * @param unguardedConnectTimeoutMillis the connect timeout the unguarded client waited out
 * @param blackHoleDropping whether the black hole really dropped SYNs on this kernel
 * @param guardedConnects TCP connects the guarded client let through (must be 0)
 * @param unguardedFailure what the unguarded client threw
 */
public record FailFastResult(
    double guardedColdMillis,
    double guardedCachedMillis,
    double dnsRoundTripMillis,
    double unguardedMillis,
    long unguardedConnectTimeoutMillis,
    boolean blackHoleDropping,
    long guardedConnects,
    String unguardedFailure) {

  /** The target: the guard fails within a DNS round trip plus 2 ms. */
  public boolean meetsTarget() {
    return guardedColdMillis <= dnsRoundTripMillis + 2.0;
  }
}
