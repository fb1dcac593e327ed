package io.privatelink.spring.boot;

import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code privatelink.*} properties. Names are the contract; values are checked when the beans
 * are built, and a bad one fails startup naming the property.
 *
 * <pre>
 * privatelink:
 *   nameservers: [10.0.0.4]
 *   services:
 *     records:
 *       url: https://myfhir.azurehealthcareapis.com/
 * </pre>
 */
@ConfigurationProperties("privatelink")
public class PrivateLinkProperties {

  /** DNS servers to ask, as ip, ip:port or [ipv6]:port. Empty: the system's (resolv.conf). */
  private List<String> nameservers = new ArrayList<>();

  /** The most one uncached verification may take, retries and failover included. */
  private Duration timeout = Duration.ofSeconds(5);

  /**
   * For which hosts the CNAME chain must pass a privatelink zone: for-azure-services (Azure health,
   * Storage, Key Vault and the other Azure service domains), for-every-host (IP literals then never
   * verify), or for-no-host (the addresses alone decide).
   */
  private ZoneRequirement requirePrivateLinkZone = ZoneRequirement.FOR_AZURE_SERVICES;

  /** Whether startup fails when a configured service does not verify as private. */
  private boolean failFast = true;

  /**
   * Whether Spring's own HTTP clients built by Boot (RestClient, WebClient) get an address filter
   * backed by the network policy. Needs Spring Boot 4.1+.
   */
  private boolean restrictSpringHttpClients = true;

  private final Policy policy = new Policy();

  private final Zones zones = new Zones();

  private final Drift drift = new Drift();

  /** The services this application calls, by a name of your choice. */
  private Map<String, Service> services = new LinkedHashMap<>();

  /** {@return {@code privatelink.nameservers}; empty means the system's} */
  public List<String> getNameservers() {
    return nameservers;
  }

  /**
   * Sets {@code privatelink.nameservers}.
   *
   * @param nameservers IP addresses as {@code ip}, {@code ip:port} or {@code [ipv6]:port}
   */
  public void setNameservers(List<String> nameservers) {
    this.nameservers = nameservers;
  }

  /** {@return {@code privatelink.timeout}, default 5 seconds} */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets {@code privatelink.timeout}.
   *
   * @param timeout the budget for one uncached verification; positive
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** {@return {@code privatelink.require-private-link-zone}, default {@code for-azure-services}} */
  public ZoneRequirement getRequirePrivateLinkZone() {
    return requirePrivateLinkZone;
  }

  /**
   * Sets {@code privatelink.require-private-link-zone}.
   *
   * @param requirePrivateLinkZone for which hosts the CNAME chain must pass a privatelink zone
   */
  public void setRequirePrivateLinkZone(ZoneRequirement requirePrivateLinkZone) {
    this.requirePrivateLinkZone = requirePrivateLinkZone;
  }

  /** {@return {@code privatelink.fail-fast}, default {@code true}} */
  public boolean isFailFast() {
    return failFast;
  }

  /**
   * Sets {@code privatelink.fail-fast}.
   *
   * @param failFast whether a service that does not verify stops startup
   */
  public void setFailFast(boolean failFast) {
    this.failFast = failFast;
  }

  /** {@return {@code privatelink.restrict-spring-http-clients}, default {@code true}} */
  public boolean isRestrictSpringHttpClients() {
    return restrictSpringHttpClients;
  }

  /**
   * Sets {@code privatelink.restrict-spring-http-clients}.
   *
   * @param restrictSpringHttpClients whether Boot-built Spring HTTP clients get the policy's
   *     address filter
   */
  public void setRestrictSpringHttpClients(boolean restrictSpringHttpClients) {
    this.restrictSpringHttpClients = restrictSpringHttpClients;
  }

  /** {@return the {@code privatelink.policy.*} group; mutable, never null} */
  public Policy getPolicy() {
    return policy;
  }

  /** {@return the {@code privatelink.zones.*} group; mutable, never null} */
  public Zones getZones() {
    return zones;
  }

  /** {@return the {@code privatelink.drift.*} group; mutable, never null} */
  public Drift getDrift() {
    return drift;
  }

  /** {@return {@code privatelink.services}, by name, in configuration order} */
  public Map<String, Service> getServices() {
    return services;
  }

  /**
   * Sets {@code privatelink.services}.
   *
   * @param services the services, by name
   */
  public void setServices(Map<String, Service> services) {
    this.services = services;
  }

  /** {@code privatelink.policy.*}: which addresses count as private. */
  public static class Policy {

    /**
     * Start from the default private ranges (10/8, 172.16/12, 192.168/16, fc00::/7, minus metadata
     * addresses).
     */
    private boolean defaults = true;

    /** CIDR ranges to allow as private, e.g. 100.64.0.0/10. */
    private List<String> allow = new ArrayList<>();

    /** CIDR ranges to refuse even inside an allowed range, e.g. 10.99.0.0/16. */
    private List<String> deny = new ArrayList<>();

    /** {@return {@code privatelink.policy.defaults}, default {@code true}} */
    public boolean isDefaults() {
      return defaults;
    }

    /**
     * Sets {@code privatelink.policy.defaults}.
     *
     * @param defaults whether the default private ranges apply
     */
    public void setDefaults(boolean defaults) {
      this.defaults = defaults;
    }

    /** {@return {@code privatelink.policy.allow}} */
    public List<String> getAllow() {
      return allow;
    }

    /**
     * Sets {@code privatelink.policy.allow}.
     *
     * @param allow CIDR ranges to allow as private
     */
    public void setAllow(List<String> allow) {
      this.allow = allow;
    }

    /** {@return {@code privatelink.policy.deny}} */
    public List<String> getDeny() {
      return deny;
    }

    /**
     * Sets {@code privatelink.policy.deny}.
     *
     * @param deny CIDR ranges to refuse
     */
    public void setDeny(List<String> deny) {
      this.deny = deny;
    }
  }

  /** {@code privatelink.zones.*}: privatelink DNS zones beyond the known Azure ones. */
  public static class Zones {

    /** Extra privatelink zones, e.g. privatelink.azurehealthcareapis.example. */
    private List<String> extra = new ArrayList<>();

    /** {@return {@code privatelink.zones.extra}} */
    public List<String> getExtra() {
      return extra;
    }

    /**
     * Sets {@code privatelink.zones.extra}.
     *
     * @param extra zone names, each starting with {@code privatelink.}
     */
    public void setExtra(List<String> extra) {
      this.extra = extra;
    }
  }

  /** {@code privatelink.drift.*}: background re-verification of the configured services. */
  public static class Drift {

    /** Whether configured services are re-verified in the background as their DNS TTL expires. */
    private boolean enabled = true;

    /** The shortest time between two verifications of one service, whatever its TTL. */
    private Duration minInterval = Duration.ofSeconds(10);

    /** The longest time between two verifications of one service, whatever its TTL. */
    private Duration maxInterval = Duration.ofMinutes(5);

    /** {@return {@code privatelink.drift.enabled}, default {@code true}} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code privatelink.drift.enabled}.
     *
     * @param enabled whether services are re-verified in the background
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return {@code privatelink.drift.min-interval}, default 10 seconds} */
    public Duration getMinInterval() {
      return minInterval;
    }

    /**
     * Sets {@code privatelink.drift.min-interval}.
     *
     * @param minInterval the shortest time between two verifications of one service; positive
     */
    public void setMinInterval(Duration minInterval) {
      this.minInterval = minInterval;
    }

    /** {@return {@code privatelink.drift.max-interval}, default 5 minutes} */
    public Duration getMaxInterval() {
      return maxInterval;
    }

    /**
     * Sets {@code privatelink.drift.max-interval}.
     *
     * @param maxInterval the longest time between two verifications of one service; at least the
     *     minimum
     */
    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }
  }

  /** {@code privatelink.services.<name>.*}: one service the application calls. */
  public static class Service {

    /** The service base URL, https, e.g. https://myfhir.azurehealthcareapis.com/. */
    private @Nullable String url;

    /** The Entra ID token scope. Unset: derived from the URL for Azure FHIR and DICOM hosts. */
    private @Nullable String scope;

    /** fhir, dicom or other. Unset: derived from the URL. */
    private @Nullable ServiceKind kind;

    /**
     * Whether requests carry an Entra ID bearer token (from the app's TokenCredential bean, else
     * DefaultAzureCredential).
     */
    private boolean authenticate = true;

    /** {@return {@code privatelink.services.<name>.url}, or {@code null} when unset} */
    public @Nullable String getUrl() {
      return url;
    }

    /**
     * Sets {@code privatelink.services.<name>.url}.
     *
     * @param url the https base URL; required by startup checks
     */
    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    /** {@return {@code privatelink.services.<name>.scope}, or {@code null} to derive it} */
    public @Nullable String getScope() {
      return scope;
    }

    /**
     * Sets {@code privatelink.services.<name>.scope}.
     *
     * @param scope the Entra ID scope, or {@code null} to derive it from the URL
     */
    public void setScope(@Nullable String scope) {
      this.scope = scope;
    }

    /** {@return {@code privatelink.services.<name>.kind}, or {@code null} to derive it} */
    public @Nullable ServiceKind getKind() {
      return kind;
    }

    /**
     * Sets {@code privatelink.services.<name>.kind}.
     *
     * @param kind the kind, or {@code null} to derive it from the URL
     */
    public void setKind(@Nullable ServiceKind kind) {
      this.kind = kind;
    }

    /** {@return {@code privatelink.services.<name>.authenticate}, default {@code true}} */
    public boolean isAuthenticate() {
      return authenticate;
    }

    /**
     * Sets {@code privatelink.services.<name>.authenticate}.
     *
     * @param authenticate whether requests carry an Entra ID bearer token
     */
    public void setAuthenticate(boolean authenticate) {
      this.authenticate = authenticate;
    }
  }
}
