package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
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
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

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

  /** {@code POST [type]}: the server assigns the id. */
  @Create
  public MethodOutcome create(@ResourceParam T resource) {
    T stored = store.create(resource);
    return new MethodOutcome(stored.getIdElement(), true).setResource(stored);
  }

  /** {@code PUT [type]/[id]}: update, or create with this id. */
  @Update
  public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource) {
    InMemoryFhirStore.Written<T> written = store.update(id.getIdPart(), resource);
    return new MethodOutcome(written.resource().getIdElement(), written.created())
        .setResource(written.resource());
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

  /** {@code DELETE [type]/[id]}. */
  @Delete
  public MethodOutcome delete(@IdParam IdType id) {
    return new MethodOutcome(store.delete(type.getSimpleName(), id.getIdPart()));
  }
}
