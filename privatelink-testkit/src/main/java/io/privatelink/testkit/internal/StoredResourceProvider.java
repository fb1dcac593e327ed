package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * HAPI's {@link HashMapResourceProvider} (create, read, vread, update, delete, history) for one
 * resource type, plus what it does not do: conditional create/update/delete, a stale {@code
 * If-Match} answering 412, JSON Patch (RFC 6902 through JSON-P), {@code meta.lastUpdated}, a search
 * with a parameter nobody serves answering 400, and the {@link ResourceStore}'s one lock around
 * every interaction. Subclasses add the type's searches as filters over {@link #current}.
 *
 * <p>The overrides carry no annotations: HAPI binds the superclass's annotated methods, and calls
 * them virtually, so these run.
 */
public abstract class StoredResourceProvider<T extends Resource>
    extends HashMapResourceProvider<T> {

  private final ResourceStore store;
  private final Class<T> type;
  private final List<Criterion<T>> searchCriteria;

  /**
   * A search parameter of one type, for conditional URLs: {@code matcher} turns a value into the
   * filter it stands for. The type's {@code @Search} method uses the same filters.
   */
  protected record Criterion<T>(String name, Function<String, Predicate<T>> matcher) {}

  /**
   * Serves {@code type} as part of {@code store}; conditional URLs may also match on {@code
   * criteria}, besides {@code _id} and {@code identifier}.
   */
  protected StoredResourceProvider(
      ResourceStore store, Class<T> type, List<Criterion<T>> criteria) {
    super(store.context(), type);
    this.store = store;
    this.type = type;
    this.searchCriteria = List.copyOf(criteria);
  }

  /** The store this provider is part of. */
  protected ResourceStore store() {
    return store;
  }

  /**
   * {@code POST [type]}. With {@code If-None-Exist} (conditional create): no match creates, one
   * match returns it unchanged (200), several answer 412.
   */
  @Override
  public MethodOutcome create(T resource, @Nullable RequestDetails request) {
    synchronized (store) {
      String conditional =
          request == null ? null : request.getConditionalUrl(RestOperationTypeEnum.CREATE);
      if (conditional != null) {
        List<T> matches = matching(conditional, "create");
        if (!matches.isEmpty()) {
          T existing = matches.get(0);
          return new MethodOutcome(existing.getIdElement(), false).setResource(existing);
        }
      }
      stamp(resource);
      return super.create(resource, request);
    }
  }

  /**
   * {@code PUT [type]/[id]}: update, or create with this id; a version in {@code If-Match} that is
   * not the current one answers 412. {@code PUT [type]?criteria} (conditional update): no match
   * creates, one match is updated, several answer 412.
   */
  @Override
  public MethodOutcome update(
      T resource, @Nullable String conditional, @Nullable RequestDetails request) {
    synchronized (store) {
      if (conditional != null && !conditional.isBlank()) {
        List<T> matches = matching(conditional, "update");
        if (matches.isEmpty()) {
          stamp(resource);
          return super.create(resource, request);
        }
        resource.setId(matches.get(0).getIdElement().toUnqualifiedVersionless());
      } else if (request != null && resource.getIdElement().hasVersionIdPart()) {
        requireCurrentVersion(resource.getIdElement());
      }
      stamp(resource);
      return super.update(resource, null, request);
    }
  }

  /**
   * {@code DELETE [type]/[id]}. {@code DELETE [type]?criteria} (conditional delete): no match
   * succeeds doing nothing, one match is deleted, several answer 412.
   */
  @Override
  public MethodOutcome delete(@Nullable IIdType id, @Nullable RequestDetails request) {
    synchronized (store) {
      if (id == null || !id.hasIdPart()) {
        String conditional =
            request == null ? null : request.getConditionalUrl(RestOperationTypeEnum.DELETE);
        if (conditional == null) {
          throw new InvalidRequestException("DELETE needs [type]/[id] or search criteria");
        }
        List<T> matches = matching(conditional, "delete");
        if (matches.isEmpty()) {
          return new MethodOutcome();
        }
        id = matches.get(0).getIdElement();
      }
      return super.delete(id, request);
    }
  }

  @Override
  public T read(IIdType id, @Nullable RequestDetails request) {
    synchronized (store) {
      return super.read(id, request);
    }
  }

  @Override
  public List<IBaseResource> historyInstance(IIdType id, @Nullable RequestDetails request) {
    synchronized (store) {
      return super.historyInstance(id, request);
    }
  }

  @Override
  public List<T> historyType() {
    synchronized (store) {
      return new ArrayList<>(super.historyType());
    }
  }

  /**
   * {@code GET [type]} and {@code GET [type]?_id=}; any other search parameter that no search of
   * this type serves answers 400 (HAPI's provider would ignore it and return everything).
   */
  @Override
  public IBundleProvider searchAll(RequestDetails request) {
    for (String name : request.getParameters().keySet()) {
      if (!name.startsWith("_")) {
        throw new InvalidRequestException(
            "this test server cannot search " + type.getSimpleName() + " by " + name);
      }
    }
    synchronized (store) {
      return super.searchAll(request);
    }
  }

  /**
   * {@code PATCH [type]/[id]} with {@code application/json-patch+json} (RFC 6902, applied by JSON-P
   * to the resource's JSON form); FHIRPath Patch answers 501.
   */
  @Patch
  public MethodOutcome patch(
      @IdParam IdType id, PatchTypeEnum patchType, @ResourceParam String body) {
    if (patchType != PatchTypeEnum.JSON_PATCH) {
      throw new NotImplementedOperationException(
          "this test server supports only JSON Patch (application/json-patch+json), not "
              + patchType);
    }
    synchronized (store) {
      T current = read(id.toUnqualifiedVersionless(), null);
      JsonObject before = parse(getFhirContext().newJsonParser().encodeResourceToString(current));
      JsonArray operations;
      try {
        operations = Json.createReader(new StringReader(body)).readArray();
      } catch (JsonException e) {
        throw new InvalidRequestException(
            "a JSON Patch body must be a JSON array of operations: " + e.getMessage());
      }
      JsonStructure after;
      try {
        after = Json.createPatch(operations).apply(before);
      } catch (JsonException e) {
        throw new UnprocessableEntityException(
            "the JSON Patch cannot be applied: " + e.getMessage());
      }
      for (String fixed : List.of("id", "resourceType")) {
        if (!(after instanceof JsonObject patchedObject)
            || !Objects.equals(before.get(fixed), patchedObject.get(fixed))) {
          throw new UnprocessableEntityException("JSON Patch may not change /" + fixed);
        }
      }
      T patched;
      try {
        patched = getFhirContext().newJsonParser().parseResource(type, after.toString());
      } catch (RuntimeException e) {
        throw new InvalidRequestException("the patched resource is not valid: " + e.getMessage());
      }
      patched.setId(id.toUnqualifiedVersionless());
      stamp(patched);
      return super.update(patched, null, null);
    }
  }

  /**
   * Copies of the current version of every live resource {@code filter} accepts, in creation order.
   */
  public List<T> current(Predicate<? super T> filter) {
    synchronized (store) {
      return getAllResources().stream().filter(filter).toList();
    }
  }

  /** Stores a copy of {@code resource} (a server id when it has none); returns a copy of it. */
  T seed(T resource) {
    synchronized (store) {
      @SuppressWarnings("unchecked")
      T stored = (T) resource.copy();
      stamp(stored);
      store(stored);
      @SuppressWarnings("unchecked")
      T copy = (T) stored.copy();
      return copy;
    }
  }

  /** Casts a bundle entry's resource to this provider's type. */
  T cast(Resource resource) {
    return type.cast(resource);
  }

  /** Captures the stored data; the returned action puts it back (a failed transaction). */
  Runnable snapshot() {
    synchronized (this) {
      Map<String, TreeMap<Long, T>> versions = new LinkedHashMap<>();
      myIdToVersionToResourceMap.forEach((id, v) -> versions.put(id, new TreeMap<>(v)));
      Map<String, LinkedList<T>> history = new LinkedHashMap<>();
      myIdToHistory.forEach((id, h) -> history.put(id, new LinkedList<>(h)));
      LinkedList<T> typeHistory = new LinkedList<>(myTypeHistory);
      return () -> {
        synchronized (this) {
          myIdToVersionToResourceMap = versions;
          myIdToHistory = history;
          myTypeHistory = typeHistory;
        }
      };
    }
  }

  private void requireCurrentVersion(IIdType id) {
    T current;
    try {
      current = super.read(id.toUnqualifiedVersionless(), null);
    } catch (ResourceNotFoundException e) {
      throw new PreconditionFailedException(
          "If-Match names version "
              + id.getVersionIdPart()
              + " of "
              + id.toUnqualifiedVersionless().getValue()
              + ", which does not exist");
    }
    String currentVersion = current.getIdElement().getVersionIdPart();
    if (!id.getVersionIdPart().equals(currentVersion)) {
      throw new PreconditionFailedException(
          "If-Match names version "
              + id.getVersionIdPart()
              + " but the current version is "
              + currentVersion);
    }
  }

  /**
   * The live resources a conditional URL ({@code [type]?name=value&...}) matches; more than one
   * answers 412, a search parameter this server cannot match on answers 400.
   */
  private List<T> matching(String conditionalUrl, String interaction) {
    int query = conditionalUrl.indexOf('?');
    String criteria = query < 0 ? conditionalUrl : conditionalUrl.substring(query + 1);
    if (criteria.isBlank()) {
      throw new InvalidRequestException("conditional " + interaction + " without search criteria");
    }
    Predicate<T> all = r -> true;
    for (String pair : criteria.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      Predicate<T> criterion = criterion(name, value);
      if (criterion == null) {
        throw new InvalidRequestException(
            "conditional "
                + interaction
                + " on "
                + name
                + " is not supported by this test server; it matches on _id, identifier"
                + searchCriteria.stream().map(c -> ", " + c.name()).collect(Collectors.joining()));
      }
      all = all.and(criterion);
    }
    List<T> matches = current(all);
    if (matches.size() > 1) {
      throw new PreconditionFailedException(
          "conditional " + interaction + ": " + matches.size() + " resources match " + criteria);
    }
    return matches;
  }

  /**
   * What a conditional URL's {@code name=value} matches, or {@code null} when this server cannot
   * match on {@code name}: {@code _id} and {@code identifier} ({@code [system|]value}) for every
   * type, and this type's {@link Criterion criteria}.
   */
  private @Nullable Predicate<T> criterion(String name, String value) {
    return switch (name) {
      case "_id" -> r -> value.equals(r.getIdElement().getIdPart());
      case "identifier" -> {
        int bar = value.indexOf('|');
        String system = bar < 0 ? null : value.substring(0, bar);
        String code = bar < 0 ? value : value.substring(bar + 1);
        yield r ->
            identifiers(r).stream()
                .anyMatch(
                    i ->
                        code.equals(i.getValue())
                            && (system == null || system.equals(i.getSystem())));
      }
      default ->
          searchCriteria.stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .map(c -> c.matcher().apply(value))
              .orElse(null);
    };
  }

  /**
   * The filter of one optional search parameter: {@code criterion} of {@code param}, or every
   * resource when the parameter is absent.
   */
  protected static <T, P> Predicate<T> optional(
      @Nullable P param, Function<P, Predicate<T>> criterion) {
    return param == null ? r -> true : criterion.apply(param);
  }

  private static List<Identifier> identifiers(Resource resource) {
    if (resource instanceof Patient p) {
      return p.getIdentifier();
    }
    if (resource instanceof Observation o) {
      return o.getIdentifier();
    }
    return List.of();
  }

  private static void stamp(Resource resource) {
    resource.getMeta().setLastUpdated(new Date());
  }

  private static JsonObject parse(String json) {
    try {
      return Json.createReader(new StringReader(json)).readObject();
    } catch (JsonException e) {
      throw new InvalidRequestException("malformed JSON: " + e.getMessage());
    }
  }
}
