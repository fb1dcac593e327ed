package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateLinkResolverNameserversTest {

  @Test
  void nameserversAreListedAsHostPortInTheOrderGiven() {
    // Loopback only, though nothing is sent: the list is text made at build().
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder().nameservers("[0:0::1]:5353", "127.0.0.9").build();

    assertEquals(List.of("[::1]:5353", "127.0.0.9:53"), resolver.nameservers());
  }

  @Test
  void ipLiteralIsJudgedWithoutAskingTheNameserver() {
    // A closed port on loopback: a query would time out into DNS_FAILURE, not verify.
    PrivateLinkResolver resolver = PrivateLinkResolver.builder().nameservers("127.0.0.1:9").build();

    Diagnosis diagnosis = resolver.diagnose("10.0.0.4");

    assertEquals(Verdict.PRIVATE, diagnosis.verdict());
    assertEquals(1, resolver.stats().lookups());
  }
}
