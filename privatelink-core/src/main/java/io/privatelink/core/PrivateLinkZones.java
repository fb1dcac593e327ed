package io.privatelink.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The private DNS zones through which an Azure health service name must resolve when it goes over
 * Private Link, per cloud and service.
 *
 * <p>Microsoft's documentation names the zones for Azure Health Data Services workspaces in two
 * ways ({@code privatelink.azurehealthcareapis.com} and {@code
 * privatelink.{workspace,fhir,dicom}.azurehealthcareapis.com}); both are known by default, for
 * Azure public cloud ({@code .com}) and Azure Government ({@code .us}). Add your own zones for other
 * sovereign clouds or a custom setup:
 *
 * <pre>{@code
 * PrivateLinkZones zones = PrivateLinkZones.defaults().newBuilder()
 *     .add("privatelink.azurehealthcareapis.example")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivateLinkZones {

  /** The service domains (without {@code privatelink.}) known by default, most specific first. */
  static final List<String> SERVICE_DOMAINS =
      List.of(
          "fhir.azurehealthcareapis.com",
          "dicom.azurehealthcareapis.com",
          "workspace.azurehealthcareapis.com",
          "azurehealthcareapis.com",
          "fhir.azurehealthcareapis.us",
          "dicom.azurehealthcareapis.us",
          "workspace.azurehealthcareapis.us",
          "azurehealthcareapis.us");

  private static final PrivateLinkZones DEFAULTS;

  static {
    Builder builder = new Builder();
    for (String domain : SERVICE_DOMAINS) {
      builder.add("privatelink." + domain);
    }
    DEFAULTS = builder.build();
  }

  private final List<String> zones;
  private final List<String> suffixes;

  private PrivateLinkZones(List<String> zones) {
    this.zones = Collections.unmodifiableList(new ArrayList<>(zones));
    List<String> s = new ArrayList<>();
    for (String zone : zones) {
      s.add("." + zone);
    }
    this.suffixes = Collections.unmodifiableList(s);
  }

  /** The zones known by default: Azure public cloud and Azure Government, both naming variants. */
  public static PrivateLinkZones defaults() {
    return DEFAULTS;
  }

  /** An empty builder; call {@link Builder#add} for each zone. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this set's zones, to add more. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.zones.addAll(zones);
    return builder;
  }

  /** The zone names, lower case, without a trailing dot. */
  public List<String> zones() {
    return zones;
  }

  /**
   * The known zone that {@code name} lies in (a name inside the zone, or the zone apex itself).
   *
   * @param name a DNS name, any case, with or without a trailing dot
   */
  public Optional<String> zoneOf(String name) {
    String n = normalize(name);
    for (int i = 0; i < zones.size(); i++) {
      if (n.endsWith(suffixes.get(i)) || n.equals(zones.get(i))) {
        return Optional.of(zones.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The name that Azure's public DNS aliases a service host to when the service has a private
   * endpoint, e.g. {@code myfhir.azurehealthcareapis.com} to {@code
   * myfhir.privatelink.azurehealthcareapis.com} and {@code ws-fhir.fhir.azurehealthcareapis.com} to
   * {@code ws-fhir.privatelink.fhir.azurehealthcareapis.com}. Empty for hosts outside the known
   * service domains, and for names already inside a privatelink zone.
   */
  public Optional<String> privateLinkAlias(String host) {
    String h = normalize(host);
    if (zoneOf(h).isPresent()) {
      return Optional.empty();
    }
    for (String zone : zones) {
      String domain = zone.substring("privatelink.".length());
      if (h.endsWith("." + domain)) {
        String label = h.substring(0, h.length() - domain.length() - 1);
        if (!label.isEmpty() && label.indexOf('.') < 0) {
          return Optional.of(label + "." + zone);
        }
      }
    }
    return Optional.empty();
  }

  static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateLinkZones && ((PrivateLinkZones) o).zones.equals(zones);
  }

  @Override
  public int hashCode() {
    return zones.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateLinkZones" + zones;
  }

  /** Builds a {@link PrivateLinkZones}. */
  public static final class Builder {
    private final Set<String> zones = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Adds a zone. It must start with {@code privatelink.} (every Azure Private Link zone does, and
     * the label is what makes a chain through it meaningful).
     *
     * @throws IllegalArgumentException if the name is not a zone name under {@code privatelink.}
     */
    public Builder add(String zone) {
      String z = normalize(zone);
      if (!z.startsWith("privatelink.") || z.length() <= "privatelink.".length()) {
        throw new IllegalArgumentException(
            "'" + zone + "' is not a private link zone; expected privatelink.<domain>");
      }
      io.privatelink.core.internal.host.HostNames.canonicalHost(z);
      zones.add(z);
      return this;
    }

    /** The zone set; the most specific zones are matched first. */
    public PrivateLinkZones build() {
      List<String> sorted = new ArrayList<>(zones);
      sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
      return new PrivateLinkZones(sorted);
    }
  }
}
