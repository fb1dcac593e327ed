package io.privatelink.testkit.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The sandbox's records, one node per owner name, and the lookup a recursive server would do over
 * them: CNAMEs chased in order, NXDOMAIN versus NODATA (an empty non-terminal exists), rebinding
 * names whose address flips on every query.
 *
 * <p>Every method is synchronized: a lookup sees one consistent state even while a test changes
 * records from another thread. Stored records are never mutated ({@link RRset} clones on TTL
 * adjustment), so answers can be serialized outside the lock.
 */
public final class RecordStore {

  /** What a lookup found: the response code and the answer section, in order. */
  public record Lookup(int rcode, List<Record> answers, Name lastName) {
    /** Whether the answer is negative (NXDOMAIN, or NODATA: no record of the asked type). */
    public boolean negative(int qtype) {
      if (rcode != Rcode.NOERROR) {
        return true;
      }
      return answers.isEmpty()
          || answers.stream().noneMatch(r -> r.getType() == qtype || qtype == Type.ANY);
    }
  }

  /** A name whose address alternates between two records on every query of their type. */
  private static final class Rebinding {
    final Record first;
    final Record second;
    long queries;

    Rebinding(Record first, Record second) {
      this.first = first;
      this.second = second;
    }

    Record next() {
      return queries++ % 2 == 0 ? first : second;
    }
  }

  private static final class Node {
    final Map<Integer, RRset> sets = new LinkedHashMap<>();
    @Nullable Rebinding rebinding;

    boolean isEmpty() {
      return sets.isEmpty() && rebinding == null;
    }
  }

  // Canonical DNS order: every subdomain of a name sorts right after it, which makes the
  // empty-non-terminal test a single ceiling lookup.
  private final NavigableMap<Name, Node> nodes = new TreeMap<>();

  /**
   * Adds a record. A CNAME replaces any CNAME already at its name (a name has at most one); other
   * types join their RRset, whose records then share the lowest TTL (RFC 2181 section 5.2).
   */
  public synchronized void add(Record record) {
    Node node = nodes.computeIfAbsent(record.getName(), n -> new Node());
    int type = record.getType();
    RRset set = node.sets.get(type);
    if (set == null || type == Type.CNAME) {
      node.sets.put(type, new RRset(record));
    } else {
      RRset copy = new RRset(set);
      copy.addRR(record);
      node.sets.put(type, copy);
    }
  }

  /**
   * Makes {@code name} answer queries of the records' type with {@code first}, then {@code second},
   * then {@code first} again, and so on. Takes precedence over static records of that type.
   */
  public synchronized void rebinding(Name name, Record first, Record second) {
    nodes.computeIfAbsent(name, n -> new Node()).rebinding = new Rebinding(first, second);
  }

  /** Drops every record (and any rebinding) owned by {@code name}; its subdomains stay. */
  public synchronized void remove(Name name) {
    nodes.remove(name);
  }

  /** Runs {@code changes} (calls on this store) as one step: no lookup sees half of them. */
  public synchronized void atomically(Runnable changes) {
    changes.run();
  }

  /** Drops everything. */
  public synchronized void clear() {
    nodes.clear();
  }

  /**
   * Answers {@code qtype} at {@code qname} as a recursive resolver with this data would: follows
   * CNAMEs (stopping at the first repeated name, so a loop is answered, not chased forever), and
   * reports NXDOMAIN when the last name in the chain does not exist (RFC 6604).
   *
   * @param forcedNxdomain names that must not exist, whatever records they hold
   */
  public synchronized Lookup lookup(Name qname, int qtype, Predicate<Name> forcedNxdomain) {
    List<Record> answers = new ArrayList<>();
    Set<Name> visited = new HashSet<>();
    Name current = qname;
    while (true) {
      visited.add(current);
      Node node = nodes.get(current);
      if (forcedNxdomain.test(current) || (node == null && !hasDescendants(current))) {
        return new Lookup(Rcode.NXDOMAIN, answers, current);
      }
      if (node == null) {
        return new Lookup(Rcode.NOERROR, answers, current); // empty non-terminal: NODATA
      }
      if (qtype == Type.ANY) {
        node.sets.values().forEach(set -> answers.addAll(set.rrs(false)));
        return new Lookup(Rcode.NOERROR, answers, current);
      }
      if (node.rebinding != null && node.rebinding.first.getType() == qtype) {
        answers.add(node.rebinding.next());
        return new Lookup(Rcode.NOERROR, answers, current);
      }
      RRset exact = node.sets.get(qtype);
      if (exact != null) {
        answers.addAll(exact.rrs(false));
        return new Lookup(Rcode.NOERROR, answers, current);
      }
      RRset cname = node.sets.get(Type.CNAME);
      if (cname == null) {
        return new Lookup(Rcode.NOERROR, answers, current); // NODATA
      }
      CNAMERecord link = (CNAMERecord) cname.first();
      answers.add(link);
      if (visited.contains(link.getTarget())) {
        return new Lookup(Rcode.NOERROR, answers, link.getTarget()); // a loop: show it, stop
      }
      current = link.getTarget();
    }
  }

  private boolean hasDescendants(Name name) {
    Name next = nodes.higherKey(name);
    return next != null && next.subdomain(name);
  }
}
