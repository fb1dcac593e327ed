package io.privatelink.core;

import io.privatelink.core.internal.policy.AddressText;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The guard refused a host or an address: it is not reachable over Private Link under the policy,
 * DNS failed, or the input was malformed. Thrown before any socket is opened and before any token
 * is requested.
 *
 * <p>It extends {@link UnknownHostException} because that is the only checked exception OkHttp's
 * {@code Dns} may throw; HAPI and OkHttp wrap it, so use {@link #find(Throwable)} to dig it out:
 *
 * <pre>{@code
 * try {
 *   client.read().resource(Patient.class).withId("1").execute();
 * } catch (FhirClientConnectionException e) {
 *   PrivateLinkException.find(e).ifPresent(p -> log.error("{}: {}", p.verdict(), p.diagnosis()));
 * }
 * }</pre>
 *
 * <p>The message names the host, the verdict, the CNAME chain, the addresses, the nameserver and
 * the first hint.
 */
public final class PrivateLinkException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  private final transient Resolution resolution;

  /** Creates the exception for a refused resolution. */
  PrivateLinkException(Resolution resolution) {
    super(message(resolution));
    this.resolution = resolution;
  }

  private static String message(Resolution r) {
    Diagnosis diagnosis = Diagnosis.of(r);
    StringBuilder out = new StringBuilder();
    out.append("refused ").append(r.host()).append(": ").append(r.verdict());
    if (!r.cnameChain().isEmpty()) {
      out.append("; chain ").append(String.join(" -> ", r.cnameChain()));
    }
    if (!r.addresses().isEmpty()) {
      out.append("; addresses ");
      for (int i = 0; i < r.addresses().size(); i++) {
        Resolution.Address a = r.addresses().get(i);
        out.append(i == 0 ? "" : ", ")
            .append(AddressText.of(a.address()))
            .append(a.decision().allowed() ? " (private)" : " (not allowed)");
      }
    }
    r.nameserver().ifPresent(ns -> out.append("; nameserver ").append(ns));
    r.detail().ifPresent(d -> out.append("; ").append(d));
    if (!diagnosis.hints().isEmpty()) {
      out.append(". ").append(diagnosis.hints().get(0));
    }
    return out.toString();
  }

  /**
   * The refusal of a URL a server handed the client (a paging link, a {@code Location}) that leaves
   * the server the client was configured for: verdict {@link Verdict#LINK_LEAVES_SERVER}, made
   * before any DNS query. The message names the link and the configured base.
   *
   * @return the refusal, for the caller to throw
   * @param link the URL the server handed out
   * @param serverBase the server base the client was configured for
   * @param what to do about it, e.g. which setting allows such links; may be empty
   */
  public static PrivateLinkException linkLeavesServer(String link, String serverBase, String what) {
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(link);
    String host = url != null ? url.host() : link;
    return new PrivateLinkException(
        Resolution.linkLeavesServer(
            host,
            "link leaves the server: "
                + link
                + " is not under the configured server base "
                + serverBase
                + "; refused before any DNS query"
                + (what == null || what.isEmpty() ? "" : ". " + what)));
  }

  /**
   * The resolution that was refused.
   *
   * @return the refused resolution, with its chain, addresses and detail
   */
  public Resolution resolution() {
    return resolution;
  }

  /**
   * Why it was refused.
   *
   * @return the verdict; never {@link Verdict#PRIVATE}
   */
  public Verdict verdict() {
    return resolution.verdict();
  }

  /**
   * The host (or address) that was refused.
   *
   * @return the refused host, as the resolution names it
   */
  public String host() {
    return resolution.host();
  }

  /**
   * The verdict with hints a person can act on.
   *
   * @return the diagnosis of {@link #resolution()}
   */
  public Diagnosis diagnosis() {
    return Diagnosis.of(resolution);
  }

  /**
   * Finds a {@code PrivateLinkException} in a throwable, its causes and suppressed exceptions (as
   * HAPI's {@code FhirClientConnectionException} or OkHttp's {@code IOException} wrappers carry
   * it).
   *
   * @param throwable the throwable to search, with its causes and suppressed exceptions (cycles are
   *     safe)
   * @return the first one found, depth first; empty when there is none
   */
  public static Optional<PrivateLinkException> find(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return find(throwable, seen);
  }

  private static Optional<PrivateLinkException> find(Throwable t, Set<Throwable> seen) {
    while (t != null && seen.add(t)) {
      if (t instanceof PrivateLinkException found) {
        return Optional.of(found);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        Optional<PrivateLinkException> found = find(suppressed, seen);
        if (found.isPresent()) {
          return found;
        }
      }
      t = t.getCause();
    }
    return Optional.empty();
  }
}
