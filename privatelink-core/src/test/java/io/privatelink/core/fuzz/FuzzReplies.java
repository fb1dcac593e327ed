package io.privatelink.core.fuzz;

import java.io.IOException;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * DNS replies made of fuzzer bytes, shared by the over-the-wire target ({@link
 * DnsResponseFuzzTest}) and the in-process one ({@code io.privatelink.core.VerificationFuzzTest}):
 * raw bytes, raw bytes under the query's ID, or a well-formed reply whose flags, rcode and records
 * the bytes choose.
 */
public final class FuzzReplies {

  private FuzzReplies() {}

  /**
   * The reply to {@code query}: raw bytes, raw bytes under the query's ID, or a structured reply.
   */
  public static byte[] reply(int mode, byte[] query, byte[] bytes) {
    if (mode == 0 || query.length < 12) {
      return bytes;
    }
    if (mode == 1) {
      byte[] out = bytes.clone();
      if (out.length >= 2) {
        out[0] = query[0];
        out[1] = query[1];
      }
      return out;
    }
    try {
      return structured(new Message(query), new Bytes(bytes));
    } catch (IOException e) {
      return bytes;
    }
  }

  /** A well-formed reply to the query, with flags, rcode and records chosen by the fuzzer. */
  private static byte[] structured(Message query, Bytes in) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (in.bit()) {
      response.getHeader().setFlag(Flags.TC);
    }
    response.getHeader().setRcode(in.next() & 0x0F);
    Record question = query.getQuestion();
    Name qname = question.getName();
    response.addRecord(question, Section.QUESTION);
    Name[] names = {
      qname,
      Name.fromConstantString("myfhir.privatelink.azurehealthcareapis.com."),
      Name.fromConstantString("ws-fhir.privatelink.fhir.azurehealthcareapis.com."),
      Name.fromConstantString("x.trafficmanager.net."),
      Name.fromConstantString("other.example."),
      Name.fromConstantString("privatelink.azurehealthcareapis.com.")
    };
    int count = in.next() & 0x07;
    for (int i = 0; i < count && in.remaining() > 0; i++) {
      Name owner = names[(in.next() & 0xFF) % names.length];
      long ttl = in.next() & 0xFF;
      int kind = (in.next() & 0xFF) % 3;
      Record record;
      if (kind == 0) {
        record =
            new ARecord(owner, DClass.IN, ttl, address(in.next(), in.next(), in.next(), in.next()));
      } else if (kind == 1) {
        byte[] six = new byte[16];
        for (int k = 0; k < 16; k++) {
          six[k] = (byte) in.next();
        }
        try {
          record = new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(six));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      } else {
        record = new CNAMERecord(owner, DClass.IN, ttl, names[(in.next() & 0xFF) % names.length]);
      }
      response.addRecord(record, in.bit() ? Section.ANSWER : Section.ADDITIONAL);
    }
    return response.toWire();
  }

  public static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads fuzzer bytes one at a time, zeros when they run out. */
  public static final class Bytes {
    private final byte[] bytes;
    private int position;

    public Bytes(byte[] bytes) {
      this.bytes = bytes;
    }

    public int next() {
      return position < bytes.length ? bytes[position++] : 0;
    }

    public boolean bit() {
      return (next() & 1) == 1;
    }

    public int remaining() {
      return bytes.length - position;
    }
  }
}
