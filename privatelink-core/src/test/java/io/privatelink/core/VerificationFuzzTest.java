package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.privatelink.core.fuzz.FuzzReplies;
import io.privatelink.core.internal.dns.DnsAnswer;
import io.privatelink.core.internal.dns.DnsClient;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Fuzzes the verdict in-process, with no socket and no timeout: fuzzer bytes become the replies to
 * the A and AAAA queries (raw, raw under the query's ID, or structured, as in {@code
 * DnsResponseFuzzTest}), dnsjava parses them and follows CNAMEs exactly as over the wire ({@link
 * DnsClient#answerFrom}), and {@link Verification#of} judges the result. Nothing outside the test
 * policy (127.0.0.1 only) may ever be {@link Verdict#PRIVATE}, whatever the family rule.
 *
 * <p>Input layout: byte 0 picks the host, byte 1 whether a zone is required and whether the family
 * rule is strict, byte 2 the mode, byte 3 where the A reply's bytes end and the AAAA reply's begin.
 */
class VerificationFuzzTest {

  private static final NetworkPolicy POLICY =
      NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build();
  private static final String[] HOSTS = {
    "fuzz.example", "myfhir.azurehealthcareapis.com", "ws-fhir.fhir.azurehealthcareapis.com"
  };

  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void nothingOutsideThePolicyIsEverPrivate(byte[] data) {
    FuzzReplies.Bytes head = new FuzzReplies.Bytes(data);
    String host = HOSTS[(head.next() & 0xFF) % HOSTS.length];
    int flags = head.next();
    boolean requireZone = (flags & 1) == 1;
    boolean strict = (flags & 2) == 2;
    int mode = (head.next() & 0xFF) % 3;
    int split = head.next() & 0xFF;
    byte[] rest = data.length > 4 ? Arrays.copyOfRange(data, 4, data.length) : new byte[0];
    int cut = Math.min(split, rest.length);
    Message a = reply(host, Type.A, mode, Arrays.copyOfRange(rest, 0, cut));
    Message aaaa = reply(host, Type.AAAA, mode, Arrays.copyOfRange(rest, cut, rest.length));

    DnsAnswer answer = DnsClient.answerFrom(host, a, aaaa, 16);
    Resolution r =
        Verification.of(
            host,
            answer,
            new Verification.Rules(
                                POLICY,
                PrivateLinkZones.defaults(),
                requireZone
                    ? PrivateLinkResolver.ZoneRequirement.FOR_EVERY_HOST
                    : PrivateLinkResolver.ZoneRequirement.FOR_NO_HOST,
                strict,
                List.of()));

    assertNotEquals(Verdict.REJECTED_INPUT, r.verdict());
    if (r.verdict() == Verdict.PRIVATE) {
      assertFalse(r.addresses().isEmpty(), r::toString);
      for (Resolution.Address address : r.addresses()) {
        assertEquals(true, POLICY.decide(address.address()).allowed(), r::toString);
      }
      assertEquals(r.allowedAddresses().size(), r.addresses().size(), r::toString);
    } else {
      assertEquals(List.of(), r.allowedAddresses(), r::toString);
    }
    Diagnosis.of(r); // explaining any outcome never throws
  }

  /** The reply to a query for {@code host} and {@code type}; {@code null} when it does not parse. */
  private static Message reply(String host, int type, int mode, byte[] bytes) {
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(host + "."), type, 1));
      return new Message(FuzzReplies.reply(mode, query.toWire(), bytes));
    } catch (IOException e) {
      return null;
    }
  }
}
