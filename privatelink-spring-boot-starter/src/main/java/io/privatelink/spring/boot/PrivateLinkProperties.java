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

  public List<String> getNameservers() {
    return nameservers;
  }

  public void setNameservers(List<String> nameservers) {
    this.nameservers = nameservers;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public ZoneRequirement getRequirePrivateLinkZone() {
    return requirePrivateLinkZone;
  }

  public void setRequirePrivateLinkZone(ZoneRequirement requirePrivateLinkZone) {
    this.requirePrivateLinkZone = requirePrivateLinkZone;
  }

  public boolean isFailFast() {
    return failFast;
  }

  public void setFailFast(boolean failFast) {
    this.failFast = failFast;
  }

  public boolean isRestrictSpringHttpClients() {
    return restrictSpringHttpClients;
  }

  public void setRestrictSpringHttpClients(boolean restrictSpringHttpClients) {
    this.restrictSpringHttpClients = restrictSpringHttpClients;
  }

  public Policy getPolicy() {
    return policy;
  }

  public Zones getZones() {
    return zones;
  }

  public Drift getDrift() {
    return drift;
  }

  public Map<String, Service> getServices() {
    return services;
  }

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

    public boolean isDefaults() {
      return defaults;
    }

    public void setDefaults(boolean defaults) {
      this.defaults = defaults;
    }

    public List<String> getAllow() {
      return allow;
    }

    public void setAllow(List<String> allow) {
      this.allow = allow;
    }

    public List<String> getDeny() {
      return deny;
    }

    public void setDeny(List<String> deny) {
      this.deny = deny;
    }
  }

  /** {@code privatelink.zones.*}: privatelink DNS zones beyond the known Azure ones. */
  public static class Zones {

    /** Extra privatelink zones, e.g. privatelink.azurehealthcareapis.example. */
    private List<String> extra = new ArrayList<>();

    public List<String> getExtra() {
      return extra;
    }

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

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getMinInterval() {
      return minInterval;
    }

    public void setMinInterval(Duration minInterval) {
      this.minInterval = minInterval;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

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

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    public @Nullable String getScope() {
      return scope;
    }

    public void setScope(@Nullable String scope) {
      this.scope = scope;
    }

    public @Nullable ServiceKind getKind() {
      return kind;
    }

    public void setKind(@Nullable ServiceKind kind) {
      this.kind = kind;
    }

    public boolean isAuthenticate() {
      return authenticate;
    }

    public void setAuthenticate(boolean authenticate) {
      this.authenticate = authenticate;
    }
  }
}
