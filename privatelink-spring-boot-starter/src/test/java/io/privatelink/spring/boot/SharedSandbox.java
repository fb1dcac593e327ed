package io.privatelink.spring.boot;

import io.privatelink.testkit.AzureSandbox;

/**
 * One {@link AzureSandbox} for every test of this module: Spring keeps application contexts alive
 * across test classes (its context cache), so the DNS and FHIR servers they point at must outlive
 * any single class. Closed when the test JVM exits.
 */
final class SharedSandbox {

  private static final AzureSandbox SANDBOX = start();

  private SharedSandbox() {}

  static AzureSandbox get() {
    return SANDBOX;
  }

  private static AzureSandbox start() {
    AzureSandbox sandbox = AzureSandbox.start();
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-close"));
    return sandbox;
  }
}
