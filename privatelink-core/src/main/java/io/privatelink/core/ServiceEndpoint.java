package io.privatelink.core;

import io.privatelink.core.internal.host.HostNames;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an endpoint is: which Azure health service (if any) a URL or host names, and the token scope
 * its data plane expects.
 *
 * <pre>{@code
 * ServiceEndpoint fhir = ServiceEndpoint.parse("https://ws-fhir.fhir.azurehealthcareapis.com/");
 * fhir.kind();        // AHDS_FHIR
 * fhir.tokenScope();  // Optional[https://ws-fhir.fhir.azurehealthcareapis.com/.default]
 * }</pre>
 *
 * <p>Parsing is strict: the host goes through the same intake as {@link PrivateLinkResolver}, and a
 * URL's real authority is used ({@code https://good@8.8.8.8/} is judged as {@code 8.8.8.8}).
 */
public final class ServiceEndpoint {

  /** The kinds of endpoint this library tells apart. */
  public enum Kind {
    /** Azure API for FHIR: {@code {name}.azurehealthcareapis.com}. */
    AZURE_API_FOR_FHIR,
    /**
     * Azure Health Data Services FHIR: {@code {workspace}-{service}.fhir.azurehealthcareapis.com}.
     */
    AHDS_FHIR,
    /**
     * Azure Health Data Services DICOM: {@code
     * {workspace}-{service}.dicom.azurehealthcareapis.com}.
     */
    AHDS_DICOM,
    /**
     * Azure Health Data Services workspace: {@code {workspace}.workspace.azurehealthcareapis.com}.
     */
    AHDS_WORKSPACE,
    /** Anything else: no private-link zone is required by default and no token scope is known. */
    OTHER
  }

  /** The Azure cloud a host belongs to. */
  public enum Cloud {
    /** Azure public cloud ({@code .azurehealthcareapis.com}). */
    AZURE_PUBLIC,
    /** Azure Government ({@code .azurehealthcareapis.us}). */
    AZURE_US_GOVERNMENT,
    /** Azure operated by 21Vianet (China); known to {@link PrivateLinkZones#forCloud}. */
    AZURE_CHINA,
    /** Not an Azure health host. */
    NONE
  }

  private final String host;
  private final Kind kind;
  private final Cloud cloud;
  private final @Nullable String tokenScope;

  private ServiceEndpoint(String host, Kind kind, Cloud cloud, @Nullable String tokenScope) {
    this.host = host;
    this.kind = kind;
    this.cloud = cloud;
    this.tokenScope = tokenScope;
  }

  /**
   * Parses a URL ({@code https://...}) or a bare host name.
   *
   * @param urlOrHost an {@code http(s)} URL or a host name; only the host is kept
   * @return the endpoint, with the host in canonical form
   * @throws PrivateLinkException with verdict {@link Verdict#REJECTED_INPUT} when the URL or host
   *     is malformed or ambiguous (an IP literal in decimal, octal or hex, a zone id, control
   *     characters, empty or over-long labels)
   */
  public static ServiceEndpoint parse(String urlOrHost) throws PrivateLinkException {
    if (urlOrHost == null) {
      throw new NullPointerException("urlOrHost");
    }
    HostNames.Host host;
    try {
      host =
          urlOrHost.contains("://")
              ? HostNames.hostOfUrl(urlOrHost)
              : HostNames.canonicalHost(
                  HostNames.splitHostPort(urlOrHost, HostNames.HostPortForm.HOST_OR_ADDRESS)
                      .host());
    } catch (IllegalArgumentException e) {
      throw new PrivateLinkException(
          Resolution.rejected(HostNames.printable(urlOrHost), e.getMessage()));
    }
    return of(host.name(), host instanceof HostNames.IpLiteral);
  }

  /**
   * Parses a URI (its string form, so the authority is read exactly as an HTTP client reads it).
   *
   * @param uri an {@code http(s)} URI; only the host is kept
   * @return the endpoint, with the host in canonical form
   * @throws PrivateLinkException with verdict {@link Verdict#REJECTED_INPUT} for bad input
   */
  public static ServiceEndpoint parse(URI uri) throws PrivateLinkException {
    return parse(uri.toString());
  }

  /** Classifies an already canonical host. */
  static ServiceEndpoint of(String host, boolean literal) {
    if (literal) {
      return new ServiceEndpoint(host, Kind.OTHER, Cloud.NONE, null);
    }
    Cloud cloud;
    String base;
    if (host.endsWith(".azurehealthcareapis.com")) {
      cloud = Cloud.AZURE_PUBLIC;
      base = "azurehealthcareapis.com";
    } else if (host.endsWith(".azurehealthcareapis.us")) {
      cloud = Cloud.AZURE_US_GOVERNMENT;
      base = "azurehealthcareapis.us";
    } else {
      return new ServiceEndpoint(host, Kind.OTHER, Cloud.NONE, null);
    }
    String sub = host.substring(0, host.length() - base.length() - 1);
    if (sub.startsWith("privatelink.") || sub.contains(".privatelink.")) {
      // A privatelink name itself; classify what it aliases.
      sub = sub.replace(".privatelink", "").replace("privatelink.", "");
    }
    String[] parts = sub.split("\\.");
    Kind kind;
    if (parts.length == 1) {
      kind = Kind.AZURE_API_FOR_FHIR;
    } else if (parts.length == 2 && parts[1].equals("fhir")) {
      kind = Kind.AHDS_FHIR;
    } else if (parts.length == 2 && parts[1].equals("dicom")) {
      kind = Kind.AHDS_DICOM;
    } else if (parts.length == 2 && parts[1].equals("workspace")) {
      kind = Kind.AHDS_WORKSPACE;
    } else {
      return new ServiceEndpoint(host, Kind.OTHER, cloud, null);
    }
    String scope =
        switch (kind) {
          case AZURE_API_FOR_FHIR, AHDS_FHIR -> "https://" + host + "/.default";
          case AHDS_DICOM ->
              cloud == Cloud.AZURE_US_GOVERNMENT
                  ? "https://dicom.healthcareapis.azure.us/.default"
                  : "https://dicom.healthcareapis.azure.com/.default";
          case AHDS_WORKSPACE, OTHER -> null;
        };
    return new ServiceEndpoint(host, kind, cloud, scope);
  }

  /**
   * The canonical host: lower case, punycode, no trailing dot.
   *
   * @return the host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   */
  public String host() {
    return host;
  }

  /**
   * Which service the host names.
   *
   * @return the kind; {@link Kind#OTHER} for a host that is not an Azure health service
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Which Azure cloud the host belongs to.
   *
   * @return the cloud; {@link Cloud#NONE} for a host that is not an Azure health host
   */
  public Cloud cloud() {
    return cloud;
  }

  /**
   * Whether this is an Azure health host (FHIR, DICOM or workspace) in a known cloud.
   *
   * @return {@code true} only for a FHIR, DICOM or workspace host of a known cloud
   */
  public boolean isAzureHealthService() {
    return kind != Kind.OTHER;
  }

  /**
   * The Microsoft Entra ID scope for the data plane: {@code https://{host}/.default} for FHIR,
   * {@code https://dicom.healthcareapis.azure.com/.default} for DICOM; empty otherwise.
   *
   * @return the scope to ask Entra ID for; empty for a host that is not FHIR or DICOM
   */
  public Optional<String> tokenScope() {
    return Optional.ofNullable(tokenScope);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceEndpoint other && other.host.equals(host);
  }

  @Override
  public int hashCode() {
    return host.hashCode();
  }

  @Override
  public String toString() {
    return kind + " " + host;
  }
}
