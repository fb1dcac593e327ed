package io.privatelink.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle most tests want around an {@link AzureSandbox}: started once before all tests of a
 * class, {@linkplain AzureSandbox#reset() reset} before each (what the servers saw, DNS counts and
 * records; FHIR data stays), closed after all. Register it on a static field; the sandbox is ready
 * in the class's own {@code @BeforeEach} methods.
 *
 * <pre>{@code
 * @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
 *
 * @Test
 * void eachTestStartsWithNothingSeen() {
 *   AzureSandbox sandbox = SANDBOX.sandbox();
 *   assertEquals(0, sandbox.fhir().requestCount());
 *   sandbox.assertCanariesUntouched();
 * }
 * }</pre>
 */
public final class AzureSandboxExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private @Nullable AzureSandbox sandbox;

  /** An extension that has not started its sandbox yet; JUnit starts it. */
  public AzureSandboxExtension() {}

  /**
   * The running sandbox.
   *
   * @return the sandbox shared by the class's tests
   * @throws IllegalStateException outside the tests of the class that registered this extension
   */
  public AzureSandbox sandbox() {
    AzureSandbox running = sandbox;
    if (running == null) {
      throw new IllegalStateException(
          "the AzureSandbox is not running: register AzureSandboxExtension on a static field"
              + " with @RegisterExtension and use it from tests or @BeforeEach methods");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox = AzureSandbox.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandbox().reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    AzureSandbox running = sandbox;
    sandbox = null;
    if (running != null) {
      running.close();
    }
  }
}
