package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The embedded FHIR server's data: every version of every resource, in memory, for a fixed set of
 * resource types. Thread-safe; every method locks the store, and {@link #inTransaction} holds the
 * lock across a whole transaction so it is atomic and isolated.
 *
 * <p>Stored resources are copies: callers never share an instance with the store. A delete is a
 * version too (a tombstone), so reading a deleted resource is 410 Gone and its history stays
 * readable with vread.
 */
public final class InMemoryFhirStore {

  /** A stored resource and whether the write created it (as opposed to updating it). */
  public record Written<T extends Resource>(T resource, boolean created) {}

  private final Set<String> types;
  // resource type -> id -> versions; index i is version i + 1; a null element is a delete
  private Map<String, Map<String, List<Resource>>> data = new LinkedHashMap<>();
  private long nextId = 1;

  /** A store for exactly these resource types (e.g. {@code "Patient"}, {@code "Observation"}). */
  public InMemoryFhirStore(Set<String> types) {
    this.types = Set.copyOf(types);
  }

  /** The resource types this store holds. */
  public Set<String> types() {
    return types;
  }

  /** A fresh server-assigned id for {@code type}, not used by any resource of that type yet. */
  public synchronized String newId(String type) {
    Map<String, List<Resource>> byId = table(type);
    String id;
    do {
      id = Long.toString(nextId++);
    } while (byId.containsKey(id));
    return id;
  }

  /** Stores {@code resource} as version 1 of a new resource with a server-assigned id. */
  public synchronized <T extends Resource> T create(T resource) {
    return create(resource, newId(resource.fhirType()));
  }

  /** Stores {@code resource} as version 1 under {@code id}, which must not exist yet. */
  public synchronized <T extends Resource> T create(T resource, String id) {
    Map<String, List<Resource>> byId = table(resource.fhirType());
    if (byId.containsKey(id)) {
      throw new InvalidRequestException(resource.fhirType() + "/" + id + " already exists");
    }
    List<Resource> versions = new ArrayList<>();
    byId.put(id, versions);
    return append(versions, resource, id);
  }

  /** Stores {@code resource} as the next version of {@code id}, creating it if it does not exist. */
  public synchronized <T extends Resource> Written<T> update(String id, T resource) {
    Map<String, List<Resource>> byId = table(resource.fhirType());
    List<Resource> versions = byId.computeIfAbsent(id, k -> new ArrayList<>());
    boolean created = versions.isEmpty() || versions.get(versions.size() - 1) == null;
    return new Written<>(append(versions, resource, id), created);
  }

  /**
   * Reads {@code id}: the current version, or the one its version part names. 404 when it never
   * existed, 410 when the current (or named) version is a delete.
   */
  public synchronized <T extends Resource> T read(Class<T> type, IdType id) {
    String typeName = typeName(type);
    List<Resource> versions = table(typeName).get(id.getIdPart());
    if (versions == null || versions.isEmpty()) {
      throw new ResourceNotFoundException(new IdType(typeName, id.getIdPart()));
    }
    Resource found;
    if (id.hasVersionIdPart()) {
      int index = versionIndex(id);
      if (index < 0 || index >= versions.size()) {
        throw new ResourceNotFoundException(new IdType(typeName, id.getIdPart(), id.getVersionIdPart()));
      }
      found = versions.get(index);
    } else {
      found = versions.get(versions.size() - 1);
    }
    if (found == null) {
      throw new ResourceGoneException(new IdType(typeName, id.getIdPart()));
    }
    return type.cast(found.copy());
  }

  /** Deletes {@code type/id} (a new, empty version); 404 when it does not exist. */
  public synchronized IdType delete(String type, String id) {
    List<Resource> versions = table(type).get(id);
    if (versions == null || versions.isEmpty() || versions.get(versions.size() - 1) == null) {
      throw new ResourceNotFoundException(new IdType(type, id));
    }
    versions.add(null);
    return new IdType(type, id, Integer.toString(versions.size()));
  }

  /** Copies of the current version of every live resource of {@code type}, in creation order. */
  public synchronized <T extends Resource> List<T> current(Class<T> type) {
    List<T> result = new ArrayList<>();
    for (List<Resource> versions : table(typeName(type)).values()) {
      Resource last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
      if (last != null) {
        result.add(type.cast(last.copy()));
      }
    }
    return result;
  }

  /**
   * Runs {@code work} holding the store's lock; if it throws, every change it made is undone.
   */
  public synchronized <R> R inTransaction(java.util.function.Supplier<R> work) {
    Map<String, Map<String, List<Resource>>> before = deepCopy(data);
    long nextIdBefore = nextId;
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      data = before;
      nextId = nextIdBefore;
      throw e;
    }
  }

  private <T extends Resource> T append(List<Resource> versions, T resource, String id) {
    @SuppressWarnings("unchecked")
    T stored = (T) resource.copy();
    String version = Integer.toString(versions.size() + 1);
    stored.setId(new IdType(resource.fhirType(), id, version));
    stored.getMeta().setVersionId(version).setLastUpdated(new Date());
    versions.add(stored);
    @SuppressWarnings("unchecked")
    T copy = (T) stored.copy();
    return copy;
  }

  private Map<String, List<Resource>> table(String type) {
    if (!types.contains(type)) {
      throw new InvalidRequestException(
          "this test server stores only " + types + ", not " + type);
    }
    return data.computeIfAbsent(type, k -> new LinkedHashMap<>());
  }

  private static int versionIndex(IdType id) {
    try {
      return Integer.parseInt(id.getVersionIdPart()) - 1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String typeName(Class<? extends Resource> type) {
    return type.getSimpleName();
  }

  private static Map<String, Map<String, List<Resource>>> deepCopy(
      Map<String, Map<String, List<Resource>>> source) {
    // Stored versions are never mutated in place, so copying the lists is enough.
    Map<String, Map<String, List<Resource>>> copy = new LinkedHashMap<>();
    source.forEach(
        (type, byId) -> {
          Map<String, List<Resource>> ids = new LinkedHashMap<>();
          byId.forEach((id, versions) -> ids.put(id, new ArrayList<>(versions)));
          copy.put(type, ids);
        });
    return copy;
  }
}
