package io.privatelink.spring.boot;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Verdict;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a configured service's verdict changes while the application runs: a private
 * service whose DNS now answers otherwise (a zone unlinked, a record deleted, a resolver
 * misconfigured), or one that turned private again.
 *
 * <pre>{@code
 * @EventListener
 * void onDrift(PrivateLinkVerdictChangedEvent e) {
 *   if (!e.isPrivate()) alerts.page(e.service().name() + ": " + e.diagnosis());
 * }
 * }</pre>
 *
 * <p>Published from the starter's background verification thread; listeners should not block it for
 * long. The starter also logs the change once at WARN.
 */
public final class PrivateLinkVerdictChangedEvent extends ApplicationEvent {

  private static final long serialVersionUID = 1L;

  private final transient PrivateLinkService service;

  /** The verdict before the change; the only state kept when the event is serialized. */
  private final Verdict previous;

  private final transient Diagnosis diagnosis;

  PrivateLinkVerdictChangedEvent(
      Object source, PrivateLinkService service, Verdict previous, Diagnosis diagnosis) {
    super(source);
    this.service = service;
    this.previous = previous;
    this.diagnosis = diagnosis;
  }

  /**
   * The service whose verdict changed.
   *
   * @return the service
   */
  public PrivateLinkService service() {
    return service;
  }

  /**
   * The verdict before the change.
   *
   * @return the previous verdict
   */
  public Verdict previous() {
    return previous;
  }

  /**
   * The verdict now.
   *
   * @return the current verdict, the one {@link #diagnosis()} explains
   */
  public Verdict current() {
    return diagnosis.verdict();
  }

  /**
   * The verification that found the change, with its chain, addresses and hints.
   *
   * @return the diagnosis
   */
  public Diagnosis diagnosis() {
    return diagnosis;
  }

  /**
   * Whether the service is private now.
   *
   * @return {@code true} if the current verdict is {@link Verdict#PRIVATE}
   */
  public boolean isPrivate() {
    return diagnosis.verdict() == Verdict.PRIVATE;
  }

  @Override
  public String toString() {
    return "PrivateLinkVerdictChangedEvent["
        + service.name()
        + ": "
        + previous
        + " -> "
        + current()
        + "]";
  }
}
