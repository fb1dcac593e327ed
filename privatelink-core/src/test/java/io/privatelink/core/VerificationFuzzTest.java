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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Fuzzes the verdict in-process, with no socket, no thread and no timeout: fuzzer bytes become the
 * replies to the A and AAAA queries (raw, raw under the query's ID, or structured, as in {@code
 * DnsResponseFuzzTest}), dnsjava parses them and {@link DnsClient#answerFromWire} reads the CNAME
 * chain from them exactly as over the wire, and {@link Verification#of} judges the result. Nothing
 * outside the test policy (127.0.0.1 only) may ever be {@link Verdict#PRIVATE}, whatever the family
 * rule.
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

  /** The A and AAAA queries for each host, on the wire, built once (not what is fuzzed). */
  private static final byte[][] A_QUERIES = queries(Type.A);

  private static final byte[][] AAAA_QUERIES = queries(Type.AAAA);

  /**
   * The four rule sets, by the flag bits: bit 0 requires a zone, bit 1 is the strict family rule.
   */
  private static final Verification.Rules[] RULES = {
    rules(false, false), rules(true, false), rules(false, true), rules(true, true)
  };

  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void nothingOutsideThePolicyIsEverPrivate(byte[] data) {
    FuzzReplies.Bytes head = new FuzzReplies.Bytes(data);
    int hostIndex = (head.next() & 0xFF) % HOSTS.length;
    String host = HOSTS[hostIndex];
    Verification.Rules rules = RULES[head.next() & 3];
    int mode = (head.next() & 0xFF) % 3;
    int split = head.next() & 0xFF;
    int from = Math.min(4, data.length);
    int cut = from + Math.min(split, data.length - from);
    byte[] a = FuzzReplies.reply(mode, A_QUERIES[hostIndex], Arrays.copyOfRange(data, from, cut));
    byte[] aaaa =
        FuzzReplies.reply(
            mode, AAAA_QUERIES[hostIndex], Arrays.copyOfRange(data, cut, data.length));

    // In-process: dnsjava parses the replies as from the wire, and they answer on this thread; no
    // socket, no thread, no timeout. A reply that does not parse fails its query, as over the wire.
    DnsAnswer answer = DnsClient.answerFromWire(host, a, aaaa, 16);
    Resolution r = Verification.of(host, answer, rules);

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

  private static byte[][] queries(int type) {
    byte[][] wire = new byte[HOSTS.length][];
    for (int i = 0; i < HOSTS.length; i++) {
      try {
        Name name = Name.fromString(HOSTS[i] + ".");
        wire[i] = Message.newQuery(Record.newRecord(name, type, DClass.IN)).toWire();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return wire;
  }

  private static Verification.Rules rules(boolean requireZone, boolean strict) {
    return new Verification.Rules(
        POLICY,
        PrivateLinkZones.defaults(),
        requireZone
            ? PrivateLinkResolver.ZoneRequirement.FOR_EVERY_HOST
            : PrivateLinkResolver.ZoneRequirement.FOR_NO_HOST,
        strict,
        List.of());
  }
}
