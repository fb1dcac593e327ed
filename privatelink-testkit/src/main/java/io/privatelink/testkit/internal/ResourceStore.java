package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Resource;

/**
 * The embedded FHIR server's data: one {@link StoredResourceProvider} (HAPI's {@code
 * HashMapResourceProvider}) per resource type, and the one lock they all take.
 *
 * <p>HAPI's provider locks each type on its own; a transaction spans types, so every interaction
 * takes this store's lock first and {@link #inTransaction} holds it across a whole transaction,
 * undoing its changes when it fails.
 */
public final class ResourceStore {

  private final FhirContext context;
  private final Map<String, StoredResourceProvider<?>> providers = new LinkedHashMap<>();

  /** A store for Patient and Observation, served with {@code context}. */
  public ResourceStore(FhirContext context) {
    this.context = context;
    add(new PatientProvider(this));
    add(new ObservationProvider(this));
  }

  private void add(StoredResourceProvider<?> provider) {
    providers.put(provider.getResourceType().getSimpleName(), provider);
  }

  /** The FHIR context the providers parse and encode with. */
  public FhirContext context() {
    return context;
  }

  /** The resource types this store holds. */
  public Set<String> types() {
    return providers.keySet();
  }

  /** The resource providers to register with HAPI's {@code RestfulServer}. */
  public List<Object> providers() {
    return List.copyOf(providers.values());
  }

  /**
   * The provider of {@code type} (e.g. {@code "Patient"}); 400 for a type this store does not hold.
   */
  public StoredResourceProvider<?> provider(String type) {
    StoredResourceProvider<?> provider = providers.get(type);
    if (provider == null) {
      throw new InvalidRequestException(
          "this test server stores only " + types() + ", not " + type);
    }
    return provider;
  }

  /** The provider of {@code type}. */
  @SuppressWarnings("unchecked")
  public <T extends Resource> StoredResourceProvider<T> provider(Class<T> type) {
    return (StoredResourceProvider<T>) provider(type.getSimpleName());
  }

  /** Copies of the current version of every live resource of {@code type}, in creation order. */
  public <T extends Resource> List<T> current(Class<T> type) {
    return provider(type).current(r -> true);
  }

  /**
   * Stores {@code resource} as a client would have created it (a server id when it has none, else a
   * new version of that id); returns a copy of what was stored.
   */
  public <T extends Resource> T seed(T resource) {
    @SuppressWarnings("unchecked")
    StoredResourceProvider<T> provider = (StoredResourceProvider<T>) provider(resource.fhirType());
    return provider.seed(resource);
  }

  /** Runs {@code work} holding the store's lock; if it throws, every change it made is undone. */
  public <R> R inTransaction(Supplier<R> work) {
    synchronized (this) {
      List<Runnable> restores = new ArrayList<>();
      providers.values().forEach(p -> restores.add(p.snapshot()));
      try {
        return work.get();
      } catch (RuntimeException | Error e) {
        restores.forEach(Runnable::run);
        throw e;
      }
    }
  }
}
