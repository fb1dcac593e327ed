package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsSandboxTransportTest extends FreshDnsSandbox {

  private static final String BIG = "big.example.test";

  @Test
  void listensOnLoopback() {
    assertEquals("127.0.0.1", dns.address().getAddress().getHostAddress());
    assertEquals("127.0.0.1:" + dns.port(), dns.nameserver());
  }

  @Test
  void udpAnswerOver512BytesIsTruncatedWithoutEdns() throws Exception {
    dns.a(BIG, addresses(40)); // about 40 * 16 bytes of answer
    SimpleResolver resolver = Dig.udp(dns);
    resolver.setEDNS(-1);

    Message response = resolver.send(Dig.query(BIG, Type.A));

    assertTrue(response.getHeader().getFlag(Flags.TC));
    assertTrue(response.getSection(Section.ANSWER).size() < 40);
    assertTrue(response.toWire().length <= 512);
  }

  @Test
  void udpAnswerUpToTheClientsEdnsSizeIsNotTruncated() throws Exception {
    dns.a(BIG, addresses(40));

    Message response = Dig.udp(dns, BIG, Type.A); // EDNS with 1232 bytes

    assertFalse(response.getHeader().getFlag(Flags.TC));
    assertEquals(40, response.getSection(Section.ANSWER).size());
  }

  @Test
  void udpAnswerOverTheClientsEdnsSizeIsTruncated() throws Exception {
    dns.a(BIG, addresses(100));

    Message response = Dig.udp(dns, BIG, Type.A);

    assertTrue(response.getHeader().getFlag(Flags.TC));
  }

  @Test
  void tcpCarriesTheFullAnswer() throws Exception {
    dns.a(BIG, addresses(200));

    Message response = Dig.tcp(dns, BIG, Type.A);

    assertFalse(response.getHeader().getFlag(Flags.TC));
    assertEquals(200, response.getSection(Section.ANSWER).size());
  }

  @Test
  void tcpConnectionServesSeveralQueries() throws Exception {
    dns.a("one.example.test", "10.1.0.1").a("two.example.test", "10.1.0.2");
    try (Socket socket = new Socket()) {
      socket.connect(dns.address(), 2_000);
      socket.setSoTimeout(3_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());

      for (String name : List.of("one.example.test", "two.example.test")) {
        byte[] query = Dig.query(name, Type.A).toWire();
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);

        Message response = new Message(reply);
        assertEquals(name + ".", response.getQuestion().getName().toString());
        assertEquals(1, response.getSection(Section.ANSWER).size());
      }
    }
  }

  @Test
  void countsQueriesPerNameTypeAndTransport() throws Exception {
    dns.a("api.example.test", "10.1.0.5");

    Dig.udp(dns, "api.example.test", Type.A);
    Dig.tcp(dns, "API.example.test.", Type.A); // one name: any case, with or without the dot
    Dig.tcp(dns, "api.example.test", Type.AAAA);
    Dig.udp(dns, "other.example.test", Type.A);

    assertEquals(2, dns.queries("api.example.test", Type.A));
    assertEquals(1, dns.queries("api.example.test", Type.AAAA));
    assertEquals(3, dns.queries("api.example.test"));
    assertEquals(0, dns.queries("api.example.test", Type.TXT));
    assertEquals(2, dns.udpQueries());
    assertEquals(2, dns.tcpQueries());
  }

  @Test
  void countsOnlyTheQuestionNotCnameTargets() throws Exception {
    dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4");

    Dig.udp(dns, "myfhir.azurehealthcareapis.com", Type.A);

    assertEquals(0, dns.queries("myfhir.privatelink.azurehealthcareapis.com"));
  }

  @Test
  void resetCountersStartsFromZero() throws Exception {
    Dig.udp(dns, "api.example.test", Type.A);
    Dig.tcp(dns, "api.example.test", Type.A);

    dns.resetCounters();

    assertEquals(0, dns.queries("api.example.test"));
    assertEquals(0, dns.udpQueries());
    assertEquals(0, dns.tcpQueries());
  }

  @Test
  void answersManyConcurrentQueries() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    int queries = 256;
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<Message>> answers = new ArrayList<>();
      for (int i = 0; i < queries; i++) {
        boolean tcp = i % 4 == 0;
        answers.add(
            pool.submit(
                () ->
                    tcp
                        ? Dig.tcp(dns, "api.example.test", Type.A)
                        : Dig.udp(dns, "api.example.test", Type.A)));
      }
      for (Future<Message> answer : answers) {
        assertEquals(1, answer.get().getSection(Section.ANSWER).size());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(queries, dns.queries("api.example.test", Type.A));
    assertEquals(queries / 4, dns.tcpQueries());
  }

  @Test
  void closeReleasesThePortOnBothTransports() throws Exception {
    InetSocketAddress address = dns.address();

    dns.close();

    try (DatagramSocket udp = new DatagramSocket(address);
        ServerSocket tcp = new ServerSocket()) {
      tcp.bind(address);
      assertEquals(address.getPort(), udp.getLocalPort());
    }
  }

  @Test
  void closeTwiceIsHarmless() {
    dns.close();
    dns.close();

    assertTrue(dns.port() > 0);
  }

  private static String[] addresses(int count) {
    String[] ips = new String[count];
    for (int i = 0; i < count; i++) {
      ips[i] = "10.2." + (i / 250) + "." + (i % 250 + 1);
    }
    return ips;
  }
}
