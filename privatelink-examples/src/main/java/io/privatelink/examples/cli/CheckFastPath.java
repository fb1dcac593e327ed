package io.privatelink.examples.cli;

import io.privatelink.core.PrivateLinkResolver;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code privatelink check} in its common forms, run without picocli, so that what operators type
 * in loops and scripts ({@code check 10.0.0.4}, {@code check --dns 10.0.0.4 --json HOST...}) starts
 * without picocli reflecting over the command classes and their annotations: a third of its start.
 *
 * <p>It serves a command line only where picocli would read it the same way: {@code check} (after
 * an optional {@code --verbose}), then targets and the options {@code --dns}, {@code --allow},
 * {@code --deny}, {@code --timeout}, {@code --json} and {@code --verbose}, each option one argument
 * and its value the next. Anything else (help, {@code --opt=value}, {@code --}, {@code @file}, an
 * option picocli takes once given twice, a value it would refuse) is left to picocli, which prints
 * the same help or usage error as ever. What it serves, it runs through {@link CheckCommand#check}:
 * the same output and exit status.
 */
final class CheckFastPath {

  private CheckFastPath() {}

  /**
   * Runs {@code check} for {@code args} if it serves them.
   *
   * @return the exit status, or empty when picocli must run the command line instead
   */
  static OptionalInt run(PrintWriter out, PrintWriter err, String... args) {
    Optional<Check> parsed = parse(args);
    if (parsed.isEmpty()) {
      return OptionalInt.empty();
    }
    Check check = parsed.get();
    PrivateLinkResolver resolver;
    try {
      resolver =
          ResolverOptions.resolver(check.dns(), check.allow(), check.deny(), check.timeout());
    } catch (ResolverOptions.InvalidOptionException e) {
      return OptionalInt.empty(); // picocli reports it, as the usage error it is
    }
    try {
      return OptionalInt.of(
          CheckCommand.check(out, resolver, check.targets(), check.json(), check.verbose()));
    } catch (RuntimeException e) {
      return OptionalInt.of(
          PrivatelinkCli.unexpectedError(err, "privatelink check", e, check.verbose()));
    }
  }

  /** A {@code check} command line this class serves, as picocli reads it. */
  record Check(
      List<String> dns,
      List<String> allow,
      List<String> deny,
      Duration timeout,
      boolean json,
      boolean verbose,
      List<String> targets) {}

  /** {@code args} as picocli reads them, or empty where this class cannot be sure it would. */
  static Optional<Check> parse(String... args) {
    List<String> dns = new ArrayList<>();
    List<String> allow = new ArrayList<>();
    List<String> deny = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    Optional<Duration> timeout = Optional.empty();
    Set<String> given = new HashSet<>(); // the options picocli takes at most once
    int i = 0;
    if (args.length > 0 && args[0].equals("--verbose")) {
      given.add(args[i++]);
    }
    if (i == args.length || !args[i].equals("check")) {
      return Optional.empty();
    }
    while (++i < args.length) {
      String arg = args[i];
      switch (arg) {
        case "--json", "--verbose" -> {
          if (!given.add(arg)) {
            return Optional.empty();
          }
        }
        case "--dns", "--allow", "--deny", "--timeout" -> {
          if (++i == args.length || !plain(args[i])) {
            return Optional.empty();
          }
          switch (arg) {
            case "--dns" -> dns.add(args[i]);
            case "--allow" -> allow.add(args[i]);
            case "--deny" -> deny.add(args[i]);
            default -> {
              timeout = DurationConverter.positive(args[i]);
              if (!given.add(arg) || timeout.isEmpty()) {
                return Optional.empty();
              }
            }
          }
        }
        default -> {
          if (!plain(arg)) {
            return Optional.empty();
          }
          targets.add(arg);
        }
      }
    }
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Check(
            dns,
            allow,
            deny,
            timeout.orElseGet(
                () -> DurationConverter.positive(ResolverOptions.DEFAULT_TIMEOUT).orElseThrow()),
            given.contains("--json"),
            given.contains("--verbose"),
            targets));
  }

  /**
   * Whether picocli takes {@code arg} as it is, as a target or an option's value: not empty, not
   * like an option, not an {@code @file} to expand.
   */
  private static boolean plain(String arg) {
    return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
  }
}
