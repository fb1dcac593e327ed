package io.privatelink.examples.cli;

import io.privatelink.testkit.DnsSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the {@code check} tests: one {@link DnsSandbox} per test class, started before its
 * first test, {@linkplain DnsSandbox#reset() reset} before each (records, faults and counters do
 * not leak between tests) and closed after the last; and the {@code check} command line that asks
 * it, with loopback playing the private endpoint.
 *
 * <pre>{@code
 * @RegisterExtension static final CheckSandbox SANDBOX = new CheckSandbox();
 * private final DnsSandbox dns = SANDBOX.dns();
 * }</pre>
 */
final class CheckSandbox implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private @Nullable DnsSandbox dns;

  @Override
  public void beforeAll(ExtensionContext context) {
    dns = DnsSandbox.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    dns().reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    DnsSandbox running = dns;
    dns = null;
    if (running != null) {
      running.close();
    }
  }

  /** The running sandbox, reset before each test. */
  DnsSandbox dns() {
    return Objects.requireNonNull(dns, "the sandbox starts before the class's first test");
  }

  /**
   * {@code check --dns SANDBOX --allow 127.0.0.1/32 args...}: the sandbox answers and loopback
   * plays the private endpoint.
   */
  String[] check(String... args) {
    List<String> all =
        new ArrayList<>(List.of("check", "--dns", dns().nameserver(), "--allow", "127.0.0.1/32"));
    all.addAll(List.of(args));
    return all.toArray(new String[0]);
  }
}
