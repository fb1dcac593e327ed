package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis.Cause;
import io.privatelink.core.Diagnosis.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateLinkExceptionTest {

  private static final String LINK = "https://fhir-internal.hospital.example/fhir?_getpages=abc";
  private static final String BASE = "https://gateway.hospital.example/fhir/";

  @Test
  void aLinkLeavingTheServerHasItsOwnVerdictAndHint() {
    PrivateLinkException refusal =
        PrivateLinkException.linkLeavesServer(LINK, BASE, "Use LinkPolicy.rewriteToBase(...)");

    assertEquals(Verdict.LINK_LEAVES_SERVER, refusal.verdict());
    assertFalse(refusal.verdict().isViolation(), "a link policy refusal, not a network violation");
    assertEquals("fhir-internal.hospital.example", refusal.host());
    assertEquals(
        List.of(Fact.Kind.LINK_LEAVES_SERVER),
        refusal.diagnosis().facts().stream().map(Fact::kind).toList());
    assertEquals(
        List.of(Cause.LINK_LEAVES_SERVER),
        refusal.diagnosis().hintsWithEvidence().stream().map(Diagnosis.Hint::cause).toList());
    String message = refusal.getMessage();
    assertTrue(message.contains(LINK) && message.contains(BASE), message);
    assertTrue(message.contains("LinkPolicy.rewriteToBase"), message);
  }
}
