package io.privatelink.spring.boot;

import io.privatelink.core.Diagnosis;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Startup stopped because configured services do not verify as private and {@code
 * privatelink.fail-fast} is on (the default). Boot's startup failure report shows each service's
 * diagnosis and what to do.
 */
public final class PrivateLinkStartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Map<PrivateLinkService, Diagnosis> failures;

  PrivateLinkStartupException(Map<PrivateLinkService, Diagnosis> failures) {
    super(message(failures));
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /**
   * The services that did not verify, each with its diagnosis, in configuration order.
   *
   * @return the failures; unmodifiable
   */
  public Map<PrivateLinkService, Diagnosis> failures() {
    return failures;
  }

  private static String message(Map<PrivateLinkService, Diagnosis> failures) {
    List<String> lines =
        failures.entrySet().stream()
            .map(e -> e.getKey().name() + ": " + e.getValue().verdict())
            .collect(Collectors.toList());
    return "services not reachable over Private Link: " + String.join(", ", lines);
  }
}
