package io.privatelink.spring.boot;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The services configured under {@code privatelink.services}, checked at startup. A bean of the
 * auto-configuration; inject it to look a service up by name.
 *
 * <p>Inject it and call {@link #get(String)} to look a service up by name.
 */
public final class PrivateLinkServices {

  private final Map<String, PrivateLinkService> byName;

  private PrivateLinkServices(Map<String, PrivateLinkService> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Checks the configured services.
   *
   * @param configured the {@code privatelink.services} map, by name
   * @return the checked services, in the map's order
   * @throws InvalidConfigurationPropertyValueException naming the property, when a URL is missing,
   *     malformed or not https
   */
  public static PrivateLinkServices of(Map<String, PrivateLinkProperties.Service> configured) {
    Map<String, PrivateLinkService> services = new LinkedHashMap<>();
    configured.forEach((name, service) -> services.put(name, check(name, service)));
    return new PrivateLinkServices(services);
  }

  /**
   * Every configured service, in configuration order.
   *
   * @return the services; unmodifiable
   */
  public List<PrivateLinkService> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The configured services of one kind, in configuration order.
   *
   * @param kind the kind to select
   * @return the matching services, possibly none
   */
  public List<PrivateLinkService> ofKind(ServiceKind kind) {
    List<PrivateLinkService> out = new ArrayList<>();
    for (PrivateLinkService s : byName.values()) {
      if (s.kind() == kind) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The service configured under {@code name}.
   *
   * @param name the service's name under {@code privatelink.services}
   * @return the service
   * @throws NoSuchElementException if there is none
   */
  public PrivateLinkService get(String name) {
    PrivateLinkService s = byName.get(name);
    if (s == null) {
      throw new NoSuchElementException(
          "no service '" + name + "' under privatelink.services; configured: " + byName.keySet());
    }
    return s;
  }

  /**
   * The kind a service URL stands for when {@code kind} is not given: FHIR for Azure API for FHIR
   * and AHDS FHIR hosts, DICOM for AHDS DICOM hosts, OTHER for anything else.
   *
   * @param endpoint the parsed service URL
   * @return the derived kind
   */
  public static ServiceKind kindOf(ServiceEndpoint endpoint) {
    return switch (endpoint.kind()) {
      case AZURE_API_FOR_FHIR, AHDS_FHIR -> ServiceKind.FHIR;
      case AHDS_DICOM -> ServiceKind.DICOM;
      case AHDS_WORKSPACE, OTHER -> ServiceKind.OTHER;
    };
  }

  private static PrivateLinkService check(String name, PrivateLinkProperties.Service service) {
    String property = "privatelink.services." + name + ".url";
    String url = service.getUrl();
    if (url == null || url.isBlank()) {
      throw new InvalidConfigurationPropertyValueException(
          property,
          url,
          "every service needs a URL; write its https base URL, e.g."
              + " https://myfhir.azurehealthcareapis.com/");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new InvalidConfigurationPropertyValueException(
          property,
          url,
          "not a URL ("
              + e.getReason()
              + "); write an https base URL, e.g."
              + " https://myfhir.azurehealthcareapis.com/");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
      throw new InvalidConfigurationPropertyValueException(
          property,
          url,
          "the URL must be https (tokens and patient data never go in clear text);"
              + " write https://"
              + (uri.getHost() != null ? uri.getHost() : "host")
              + "/...");
    }
    ServiceEndpoint endpoint;
    try {
      endpoint = ServiceEndpoint.parse(uri);
    } catch (PrivateLinkException e) {
      throw new InvalidConfigurationPropertyValueException(
          property,
          url,
          e.getMessage()
              + "; write an https URL with a DNS host name, e.g."
              + " https://myfhir.azurehealthcareapis.com/");
    }
    ServiceKind kind = service.getKind() != null ? service.getKind() : kindOf(endpoint);
    String scope = service.getScope();
    if (scope != null && scope.isBlank()) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.services." + name + ".scope",
          scope,
          "leave it out to derive the scope from the URL, or write one, e.g."
              + " https://myfhir.azurehealthcareapis.com/.default");
    }
    return new PrivateLinkService(
        name, uri, endpoint.host(), kind, scope, service.isAuthenticate());
  }
}
