package io.privatelink.benchmarks.load;

/**
 * Concurrent cold requests for one host through one guarded client, and the DNS queries the sandbox
 * received for it. The worst repetition is reported.
 *
 * @param callers concurrent requests per repetition
 * @param repeats repetitions, each with a fresh resolver (empty cache)
 * @param succeeded requests that completed with a 200, over all repetitions
 * @param maxHostA most A queries for the host in one repetition
 * @param maxHostAaaa most AAAA queries for the host in one repetition
 * @param maxAliasQueries most queries of any type for the privatelink alias in one repetition
 */
public record SingleFlightResult(
    int callers, int repeats, int succeeded, int maxHostA, int maxHostAaaa, int maxAliasQueries) {

  /** The target: one query per record type, however many callers. */
  public boolean meetsTarget() {
    return maxHostA == 1 && maxHostAaaa == 1 && succeeded == callers * repeats;
  }
}
