package io.privatelink.examples.cli;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.config.AndroidResolverConfigProvider;
import org.xbill.DNS.config.InitializationException;
import org.xbill.DNS.config.PropertyResolverConfigProvider;
import org.xbill.DNS.config.ResolvConfResolverConfigProvider;
import org.xbill.DNS.config.ResolverConfigProvider;
import org.xbill.DNS.config.WindowsResolverConfigProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command that resolves a host shares: which nameservers to ask, which addresses
 * count as private, and how long to wait. Add it to a command with {@code @Mixin ResolverOptions
 * resolverOptions;} and call {@link #resolver()} in the command's body.
 */
public final class ResolverOptions {

  /** The default total time for one resolution, retries included: short enough for a person. */
  static final String DEFAULT_TIMEOUT = "3s";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--dns",
      paramLabel = "IP[:PORT]",
      description = {
        "Nameserver to ask, e.g. 10.0.0.4 or 127.0.0.1:5353 or [fd00::4]:53; repeat for failover.",
        "Default: the system's (/etc/resolv.conf). Run it from inside the VNet, or give the VNet's"
            + " DNS server (e.g. 168.63.129.16 from Azure, or your private resolver)."
      })
  private List<String> nameservers = new ArrayList<>();

  @Option(
      names = "--allow",
      paramLabel = "CIDR",
      description =
          "Also count this network as private, e.g. 100.64.0.0/10 (default: 10/8, 172.16/12,"
              + " 192.168/16, fc00::/7). Repeatable.")
  private List<String> allow = new ArrayList<>();

  @Option(
      names = "--deny",
      paramLabel = "CIDR",
      description = "Never count this network as private, e.g. 10.99.0.0/16. Repeatable.")
  private List<String> deny = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = DEFAULT_TIMEOUT,
      converter = DurationConverter.class,
      description =
          "Most time one host may take, retries included, e.g. 500ms, 2s. Default: ${DEFAULT-VALUE}.")
  private Duration timeout;

  /** The {@code --timeout}: the most time one host may take, retries included. */
  Duration timeout() {
    return timeout;
  }

  /**
   * A resolver configured from these options.
   *
   * @throws ParameterException (exit status 64) for a malformed nameserver or CIDR, or when no
   *     nameserver is given and the system has none
   */
  public PrivateLinkResolver resolver() {
    try {
      return resolver(nameservers, allow, deny, timeout);
    } catch (InvalidOptionException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /**
   * A resolver configured from these option values, for {@link #resolver()} and for {@code check}'s
   * way around picocli ({@link CheckFastPath}), which must refuse exactly what picocli refuses.
   *
   * @throws InvalidOptionException with the usage message, for a malformed nameserver or CIDR, or
   *     when no nameserver is given and the system has none
   */
  static PrivateLinkResolver resolver(
      List<String> nameservers, List<String> allow, List<String> deny, Duration timeout) {
    PrivateLinkResolver.Builder builder =
        PrivateLinkResolver.builder().policy(policy(allow, deny)).timeout(timeout);
    if (!nameservers.isEmpty()) {
      try {
        builder.nameservers(nameservers.toArray(new String[0]));
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException(
            "--dns: "
                + e.getMessage()
                + ". Give an IP address with an optional port,"
                + " e.g. --dns 10.0.0.4 or --dns 127.0.0.1:5353.");
      }
    } else {
      builder.nameservers(systemNameservers());
    }
    return builder.build();
  }

  /**
   * The system's nameservers, the ones {@link ResolverConfig#getCurrentConfig()} names: the first
   * of dnsjava's configuration sources that names any. The sources that can name them on a server
   * or a laptop (dnsjava properties, resolv.conf, Windows, Android) are asked here first, in
   * dnsjava's order, since {@code getCurrentConfig()} asks on past the one that names nameservers
   * until one also names a search path: where resolv.conf has none, as in most containers, that
   * starts JNDI's DNS provider (some 50 classes) for a search path the resolver never uses.
   *
   * @throws InvalidOptionException when the system names no nameserver
   */
  static List<InetSocketAddress> systemNameservers() {
    List<ResolverConfigProvider> first =
        List.of(
            new PropertyResolverConfigProvider(),
            new ResolvConfResolverConfigProvider(),
            new WindowsResolverConfigProvider(),
            new AndroidResolverConfigProvider());
    List<InetSocketAddress> servers = List.of();
    try {
      for (ResolverConfigProvider provider : first) {
        if (servers.isEmpty() && provider.isEnabled()) {
          provider.initialize();
          servers = provider.servers();
        }
      }
    } catch (InitializationException e) {
      servers = List.of(); // dnsjava's own walk logs it and goes on: let it
    }
    if (servers.isEmpty()) {
      servers = ResolverConfig.getCurrentConfig().servers();
    }
    if (servers.isEmpty()) {
      throw new InvalidOptionException(
          "no nameserver to ask: none was given with --dns and the system configuration"
              + " (/etc/resolv.conf) lists none. Give one, e.g. --dns 10.0.0.4.");
    }
    return List.copyOf(servers);
  }

  private static NetworkPolicy policy(List<String> allow, List<String> deny) {
    NetworkPolicy.Builder policy = NetworkPolicy.builder();
    for (String cidr : allow) {
      try {
        policy.allow(cidr);
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("--allow '" + cidr + "': " + e.getMessage());
      }
    }
    for (String cidr : deny) {
      try {
        policy.deny(cidr);
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("--deny '" + cidr + "': " + e.getMessage());
      }
    }
    return policy.build();
  }

  /** A bad option value; its message is the usage error to print. */
  static final class InvalidOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidOptionException(String message) {
      super(message);
    }
  }
}
