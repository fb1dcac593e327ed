package io.privatelink.testkit;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/** Test helper: plain dnsjava {@link SimpleResolver} queries to a sandbox, over UDP or TCP. */
final class Dig {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private Dig() {}

  /** A UDP resolver that does not retry over TCP on truncation, so the TC bit is visible. */
  static SimpleResolver udp(DnsSandbox dns) {
    SimpleResolver resolver = new SimpleResolver(dns.address());
    resolver.setIgnoreTruncation(true);
    resolver.setTimeout(TIMEOUT);
    return resolver;
  }

  static SimpleResolver tcp(DnsSandbox dns) {
    SimpleResolver resolver = new SimpleResolver(dns.address());
    resolver.setTCP(true);
    resolver.setTimeout(TIMEOUT);
    return resolver;
  }

  static Message udp(DnsSandbox dns, String name, int type) throws IOException {
    return udp(dns).send(query(name, type));
  }

  static Message tcp(DnsSandbox dns, String name, int type) throws IOException {
    return tcp(dns).send(query(name, type));
  }

  static Message query(String name, int type) throws TextParseException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  /** The answer section as {@code "owner TYPE rdata"} lines, in order. */
  static List<String> answers(Message response) {
    return response.getSection(Section.ANSWER).stream()
        .map(
            r ->
                r.getName()
                    + " "
                    + org.xbill.DNS.Type.string(r.getType())
                    + " "
                    + r.rdataToString())
        .toList();
  }

  static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException || e.getCause() instanceof TimeoutException;
  }
}
