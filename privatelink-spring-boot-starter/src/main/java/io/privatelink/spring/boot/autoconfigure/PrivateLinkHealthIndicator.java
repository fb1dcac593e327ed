package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import io.privatelink.spring.boot.PrivateLinkMonitor;
import io.privatelink.spring.boot.PrivateLinkService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code privateLink} health indicator: per configured service its verdict, chain, addresses,
 * nameserver and hints; DOWN when any service is not private (a violation or a DNS failure).
 *
 * <p>With drift monitoring on (the default) it shows the {@link PrivateLinkMonitor}'s latest
 * verification and sends no DNS query itself, so a probe every second costs nothing; with it off,
 * each probe verifies through the resolver, whose cache answers while the result is fresh.
 */
public final class PrivateLinkHealthIndicator implements HealthIndicator {

  private final PrivateLinkMonitor monitor;

  /**
   * Reports what {@code monitor} found.
   *
   * @param monitor the monitor whose latest diagnoses are reported; required
   */
  public PrivateLinkHealthIndicator(PrivateLinkMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public Health health() {
    boolean up = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (PrivateLinkService service : monitor.services().all()) {
      Diagnosis d =
          monitor.drift()
              ? monitor.latest(service.name()).orElseGet(() -> monitor.verify(service))
              : monitor.verify(service);
      up &= d.verdict() == Verdict.PRIVATE;
      details.put(service.name(), details(service, d));
    }
    return (up ? Health.up() : Health.down()).withDetails(details).build();
  }

  private Map<String, Object> details(PrivateLinkService service, Diagnosis d) {
    Resolution r = d.resolution();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", service.url().toString());
    out.put("verdict", d.verdict().name());
    out.put("chain", r.cnameChain());
    out.put(
        "addresses",
        r.addresses().stream()
            .map(
                a ->
                    a.text()
                        + " "
                        + (a.decision().allowed() ? "allowed" : "denied")
                        + " by "
                        + a.decision().rule()
                        + ", ttl "
                        + a.ttlSeconds())
            .toList());
    r.privateLinkZone().ifPresent(z -> out.put("zone", z));
    r.nameserver().ifPresent(ns -> out.put("nameserver", ns));
    r.detail().ifPresent(detail -> out.put("detail", detail));
    monitor.verifiedAt(service.name()).ifPresent(at -> out.put("verifiedAt", at.toString()));
    List<String> hints = d.hints();
    if (!hints.isEmpty()) {
      out.put("hints", hints);
    }
    return out;
  }
}
