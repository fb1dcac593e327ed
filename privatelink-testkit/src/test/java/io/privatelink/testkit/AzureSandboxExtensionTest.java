package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AzureSandboxExtension} starts, resets and closes one sandbox around a test class. */
class AzureSandboxExtensionTest {

  // region:javadoc-AzureSandboxExtension
  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();

  @Test
  void eachTestStartsWithNothingSeen() {
    AzureSandbox sandbox = SANDBOX.sandbox();
    assertEquals(0, sandbox.fhir().requestCount());
    sandbox.assertCanariesUntouched();
  }

  // endregion

  @Test
  void anUnregisteredExtensionSaysHowToRegisterIt() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new AzureSandboxExtension().sandbox());
    assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
  }
}
