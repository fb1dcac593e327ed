package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Labels for addresses no rule matched follow the IANA special-purpose registries: each block of
 * {@code iana-special-purpose.csv} is named in the label of an address inside it, globally
 * reachable blocks are called public, and nothing there is allowed by a policy without rules.
 */
class SpecialRangesRegistryTest {

  private static final NetworkPolicy NO_RULES = NetworkPolicy.builder().withoutDefaults().build();

  @ParameterizedTest(name = "{0} ({2})")
  @CsvFileSource(resources = "/iana-special-purpose.csv")
  void everyRegistryBlockIsNamedInTheLabelOfItsAddresses(String block, String probe, String kind)
      throws Exception {
    NetworkPolicy.Decision d = NO_RULES.decide(InetAddress.getByName(probe));

    assertFalse(d.allowed(), d.toString());
    assertTrue(d.rule().contains(block), d.rule());
    switch (kind) {
      case "public" ->
          assertTrue(d.rule().startsWith("no rule: public address (" + block), d.rule());
      case "special", "embedded" ->
          assertTrue(d.rule().endsWith("is not private by default"), d.rule());
      case "private" -> assertTrue(d.rule().endsWith("is not allowed by this policy"), d.rule());
      default -> throw new IllegalArgumentException(kind);
    }
  }
}
