package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code POST /} with a {@code transaction} or {@code batch} Bundle: POST (create), PUT (update),
 * DELETE and GET (read by id) entries against the {@link ResourceStore}. HAPI's in-memory provider
 * has no transactions, so this stays ours.
 *
 * <p>A transaction is all or nothing (the store is locked and rolled back on any failure); its
 * entries run in FHIR's order (DELETE, POST, PUT, GET) and references to a POSTed entry's {@code
 * urn:uuid:} full URL are rewritten to the id the server assigned. A batch runs each entry on its
 * own, in order, and reports failures per entry. Not supported: conditional operations, PATCH
 * entries, searches in GET entries.
 */
public final class TransactionProvider {

  private final ResourceStore store;

  /** Applies bundles to {@code store}. */
  public TransactionProvider(ResourceStore store) {
    this.store = store;
  }

  /** Processes a transaction or batch bundle and returns the matching response bundle. */
  @Transaction
  public Bundle transaction(@TransactionParam Bundle bundle) {
    if (bundle.getType() == BundleType.TRANSACTION) {
      return store.inTransaction(() -> transactionResponse(bundle));
    }
    if (bundle.getType() == BundleType.BATCH) {
      return batchResponse(bundle);
    }
    throw new InvalidRequestException(
        "expected a Bundle of type transaction or batch, got " + bundle.getType());
  }

  private Bundle transactionResponse(Bundle bundle) {
    List<BundleEntryComponent> entries = bundle.getEntry();
    entries.forEach(TransactionProvider::refuseConditionalHeaders);
    BundleEntryComponent[] responses = new BundleEntryComponent[entries.size()];
    Map<String, String> assigned = new HashMap<>();
    for (HTTPVerb verb : List.of(HTTPVerb.DELETE, HTTPVerb.POST, HTTPVerb.PUT, HTTPVerb.GET)) {
      if (verb == HTTPVerb.PUT) {
        // Every POST has its id now: point references to their urn:uuid: full URLs at them.
        rewriteReferences(entries, assigned);
      }
      for (int i = 0; i < entries.size(); i++) {
        BundleEntryComponent entry = entries.get(i);
        if (verb(entry) == verb) {
          responses[i] = apply(entry);
          if (verb == HTTPVerb.POST && entry.hasFullUrl()) {
            assigned.put(
                entry.getFullUrl(),
                responses[i].getResponse().getLocation().replaceFirst("/_history/.*$", ""));
          }
        }
      }
    }
    Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
    for (BundleEntryComponent entry : responses) {
      response.addEntry(entry.copy());
    }
    return response;
  }

  private void rewriteReferences(List<BundleEntryComponent> entries, Map<String, String> assigned) {
    for (BundleEntryComponent entry : entries) {
      if (entry.hasResource()) {
        for (Reference reference :
            store
                .context()
                .newTerser()
                .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
          String target = assigned.get(reference.getReference());
          if (target != null) {
            reference.setReference(target);
          }
        }
      }
    }
  }

  private Bundle batchResponse(Bundle bundle) {
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    for (BundleEntryComponent entry : bundle.getEntry()) {
      try {
        refuseConditionalHeaders(entry);
        response.addEntry(store.inTransaction(() -> apply(entry)).copy());
      } catch (BaseServerResponseException e) {
        OperationOutcome outcome = new OperationOutcome();
        outcome
            .addIssue()
            .setSeverity(OperationOutcome.IssueSeverity.ERROR)
            .setCode(OperationOutcome.IssueType.PROCESSING)
            .setDiagnostics(e.getMessage());
        BundleEntryComponent failed = new BundleEntryComponent();
        failed
            .getResponse()
            .setStatus(
                e.getStatusCode()
                    + " "
                    + org.eclipse.jetty.http.HttpStatus.getMessage(e.getStatusCode()))
            .setOutcome(outcome);
        response.addEntry(failed);
      }
    }
    return response;
  }

  private BundleEntryComponent apply(BundleEntryComponent entry) {
    BundleEntryComponent result = new BundleEntryComponent();
    switch (verb(entry)) {
      case POST -> {
        Resource resource = requireResource(entry);
        StoredResourceProvider<?> provider = store.provider(resource.fhirType());
        return created(result, create(provider, resource), "201 Created");
      }
      case PUT -> {
        Resource resource = requireResource(entry);
        IdType id = target(entry);
        requireSameType(id, resource);
        resource.setId(id.toUnqualifiedVersionless());
        MethodOutcome outcome = update(store.provider(resource.fhirType()), resource);
        return created(
            result,
            (Resource) outcome.getResource(),
            Boolean.TRUE.equals(outcome.getCreated()) ? "201 Created" : "200 OK");
      }
      case DELETE -> {
        IdType id = target(entry);
        store.provider(id.getResourceType()).delete(id, null);
        result.getResponse().setStatus("204 No Content");
        return result;
      }
      case GET -> {
        IdType id = target(entry);
        Resource found = (Resource) store.provider(id.getResourceType()).read(id, null);
        result.setResource(found).getResponse().setStatus("200 OK").setEtag(etag(found));
        return result;
      }
      default ->
          throw new InvalidRequestException(
              "this test server does not support " + verb(entry) + " entries in a bundle");
    }
  }

  private static <T extends Resource> Resource create(
      StoredResourceProvider<T> provider, Resource resource) {
    return (Resource) provider.create(provider.cast(resource), null).getResource();
  }

  private static <T extends Resource> MethodOutcome update(
      StoredResourceProvider<T> provider, Resource resource) {
    return provider.update(provider.cast(resource), null, null);
  }

  // Conditional entries would otherwise be applied unconditionally: refuse them instead.
  private static void refuseConditionalHeaders(BundleEntryComponent entry) {
    var request = entry.getRequest();
    String which =
        request.hasIfNoneExist()
            ? "ifNoneExist"
            : request.hasIfMatch()
                ? "ifMatch"
                : request.hasIfNoneMatch()
                    ? "ifNoneMatch"
                    : request.hasIfModifiedSince() ? "ifModifiedSince" : null;
    if (which != null) {
      throw new InvalidRequestException(
          "this test server does not support conditional bundle entries (request." + which + ")");
    }
  }

  private static BundleEntryComponent created(
      BundleEntryComponent result, Resource stored, String status) {
    IdType id = stored.getIdElement();
    result
        .setFullUrl(id.toUnqualifiedVersionless().getValue())
        .setResource(stored)
        .getResponse()
        .setStatus(status)
        .setLocation(id.toUnqualified().getValue())
        .setEtag(etag(stored));
    return result;
  }

  private static String etag(Resource resource) {
    return "W/\"" + resource.getIdElement().getVersionIdPart() + "\"";
  }

  private static HTTPVerb verb(BundleEntryComponent entry) {
    if (!entry.getRequest().hasMethod()) {
      throw new InvalidRequestException("bundle entry without request.method");
    }
    return entry.getRequest().getMethod();
  }

  private static Resource requireResource(BundleEntryComponent entry) {
    if (!entry.hasResource()) {
      throw new InvalidRequestException(verb(entry) + " bundle entry without a resource");
    }
    return entry.getResource();
  }

  private static IdType target(BundleEntryComponent entry) {
    String url = entry.getRequest().getUrl();
    IdType id = url == null ? new IdType() : new IdType(url);
    if (url == null || url.contains("?") || !id.hasResourceType() || !id.hasIdPart()) {
      throw new InvalidRequestException(
          "bundle entry request.url must be [type]/[id] here, got " + url);
    }
    return id;
  }

  private static void requireSameType(IdType id, Resource resource) {
    if (!id.getResourceType().equals(resource.fhirType())) {
      throw new InvalidRequestException(
          "request.url " + id.getValue() + " does not match the entry's " + resource.fhirType());
    }
  }
}
