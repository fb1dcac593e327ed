package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Read, vread, create, update, JSON Patch and delete for one resource type over an {@link
 * InMemoryFhirStore}. Subclasses add the type's searches, usually as a filter over {@link
 * #current(Predicate)}.
 */
public abstract class InMemoryResourceProvider<T extends Resource> implements IResourceProvider {

  private final Class<T> type;
  private final InMemoryFhirStore store;
  private final FhirContext context;

  /** Serves {@code type} from {@code store}, parsing patches with {@code context}. */
  protected InMemoryResourceProvider(Class<T> type, InMemoryFhirStore store, FhirContext context) {
    this.type = type;
    this.store = store;
    this.context = context;
  }

  @Override
  public Class<T> getResourceType() {
    return type;
  }

  /** The store this provider serves. */
  protected InMemoryFhirStore store() {
    return store;
  }

  /** Copies of the current version of every stored resource {@code filter} accepts, in creation order. */
  protected List<T> current(Predicate<? super T> filter) {
    return store.current(type).stream().filter(filter).toList();
  }

  /** {@code GET [type]/[id]} and {@code GET [type]/[id]/_history/[vid]}. */
  @Read(version = true)
  public T read(@IdParam IdType id) {
    return store.read(type, id);
  }

  /**
   * {@code POST [type]}: the server assigns the id. With {@code If-None-Exist} (conditional
   * create): no match creates, one match returns it unchanged (200), several answer 412.
   */
  @Create
  public MethodOutcome create(
      @ResourceParam T resource, @ConditionalUrlParam String conditionalUrl) {
    if (conditionalUrl == null) {
      T stored = store.create(resource);
      return new MethodOutcome(stored.getIdElement(), true).setResource(stored);
    }
    return store.inTransaction(
        () -> {
          List<T> matches = matching(conditionalUrl, "create");
          if (matches.isEmpty()) {
            T stored = store.create(resource);
            return new MethodOutcome(stored.getIdElement(), true).setResource(stored);
          }
          T existing = matches.get(0);
          return new MethodOutcome(existing.getIdElement(), false).setResource(existing);
        });
  }

  /**
   * {@code PUT [type]/[id]}: update, or create with this id; a version in {@code If-Match} that is
   * not the current one answers 412. {@code PUT [type]?criteria} (conditional update): no match
   * creates, one match is updated, several answer 412.
   */
  @Update
  public MethodOutcome update(
      @IdParam IdType id, @ResourceParam T resource, @ConditionalUrlParam String conditionalUrl) {
    return store.inTransaction(
        () -> {
          String target;
          if (conditionalUrl != null) {
            List<T> matches = matching(conditionalUrl, "update");
            if (matches.isEmpty()) {
              if (resource.getIdElement().hasIdPart()) {
                target = resource.getIdElement().getIdPart();
              } else {
                T stored = store.create(resource);
                return new MethodOutcome(stored.getIdElement(), true).setResource(stored);
              }
            } else {
              target = matches.get(0).getIdElement().getIdPart();
              if (resource.getIdElement().hasIdPart()
                  && !resource.getIdElement().getIdPart().equals(target)) {
                throw new InvalidRequestException(
                    "conditional update: the resource's id "
                        + resource.getIdElement().getIdPart()
                        + " is not that of the match, "
                        + target);
              }
            }
          } else {
            target = id.getIdPart();
            if (id.hasVersionIdPart()) {
              requireCurrentVersion(id);
            }
          }
          InMemoryFhirStore.Written<T> written = store.update(target, resource);
          return new MethodOutcome(written.resource().getIdElement(), written.created())
              .setResource(written.resource());
        });
  }

  private void requireCurrentVersion(IdType id) {
    T current;
    try {
      current = store.read(type, id.toUnqualifiedVersionless());
    } catch (ResourceNotFoundException e) {
      throw new PreconditionFailedException(
          "If-Match names version " + id.getVersionIdPart() + " of " + id.toUnqualifiedVersionless().getValue() + ", which does not exist");
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
    Predicate<T> all = r -> true;
    if (criteria.isBlank()) {
      throw new InvalidRequestException("conditional " + interaction + " without search criteria");
    }
    for (String pair : criteria.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      Predicate<T> criterion = criterion(name, value);
      if (criterion == null) {
        throw new InvalidRequestException(
            "conditional "
                + interaction
                + " on "
                + name
                + " is not supported by this test server; it matches on _id, identifier"
                + supportedCriteria());
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
   * match on {@code name}. {@code _id} and {@code identifier} ({@code [system|]value}) for every
   * type; subclasses add theirs.
   */
  protected @Nullable Predicate<T> criterion(String name, String value) {
    switch (name) {
      case "_id":
        return r -> value.equals(r.getIdElement().getIdPart());
      case "identifier":
        {
          int bar = value.indexOf('|');
          String system = bar < 0 ? null : value.substring(0, bar);
          String code = bar < 0 ? value : value.substring(bar + 1);
          return r -> identifiers(r).stream()
              .anyMatch(i -> code.equals(i.getValue()) && (system == null || system.equals(i.getSystem())));
        }
      default:
        return null;
    }
  }

  /** The further search parameters {@link #criterion} matches, for the 400 message. */
  protected String supportedCriteria() {
    return "";
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

  /** {@code PATCH [type]/[id]} with {@code application/json-patch+json}; FHIRPath Patch is not supported. */
  @Patch
  public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum patchType, @ResourceParam String body) {
    if (patchType != PatchTypeEnum.JSON_PATCH) {
      throw new NotImplementedOperationException(
          "this test server supports only JSON Patch (application/json-patch+json), not " + patchType);
    }
    return store.inTransaction(
        () -> {
          T current = store.read(type, id.toUnqualifiedVersionless());
          String patched =
              JsonPatch.apply(context.newJsonParser().encodeResourceToString(current), body);
          T resource;
          try {
            resource = context.newJsonParser().parseResource(type, patched);
          } catch (RuntimeException e) {
            throw new InvalidRequestException("the patched resource is not valid: " + e.getMessage());
          }
          T stored = store.update(id.getIdPart(), resource).resource();
          return new MethodOutcome(stored.getIdElement()).setResource(stored);
        });
  }

  /**
   * {@code DELETE [type]/[id]}. {@code DELETE [type]?criteria} (conditional delete): no match
   * succeeds doing nothing, one match is deleted, several answer 412.
   */
  @Delete
  public MethodOutcome delete(@IdParam IdType id, @ConditionalUrlParam String conditionalUrl) {
    if (conditionalUrl == null) {
      return new MethodOutcome(store.delete(type.getSimpleName(), id.getIdPart()));
    }
    return store.inTransaction(
        () -> {
          List<T> matches = matching(conditionalUrl, "delete");
          if (matches.isEmpty()) {
            return new MethodOutcome();
          }
          return new MethodOutcome(
              store.delete(type.getSimpleName(), matches.get(0).getIdElement().getIdPart()));
        });
  }
}
