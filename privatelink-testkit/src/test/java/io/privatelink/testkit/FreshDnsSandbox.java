package io.privatelink.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Test fixture: a new {@link DnsSandbox} for every test, in {@link #dns}, closed after it. Extend
 * it so a test class holds only its specs. (The {@link PrivateLinkSandbox} extension shares one
 * sandbox per class instead; these tests want no state carried between them.)
 */
abstract class FreshDnsSandbox {

  /** The sandbox of the running test; started before each test, closed after it. */
  DnsSandbox dns;

  @BeforeEach
  final void startDnsSandbox() {
    dns = DnsSandbox.start();
  }

  @AfterEach
  final void closeDnsSandbox() {
    dns.close();
  }
}
