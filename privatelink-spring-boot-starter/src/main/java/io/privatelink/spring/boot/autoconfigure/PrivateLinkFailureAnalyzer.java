package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;
import io.privatelink.spring.boot.PrivateLinkService;
import io.privatelink.spring.boot.PrivateLinkStartupException;
import java.util.Map;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link PrivateLinkStartupException} into Boot's startup failure report: each service that
 * did not verify with its verdict, chain, addresses and nameserver, then what to do.
 */
public class PrivateLinkFailureAnalyzer
    extends AbstractFailureAnalyzer<PrivateLinkStartupException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PrivateLinkStartupException cause) {
    String nl = System.lineSeparator();
    StringBuilder description = new StringBuilder();
    StringBuilder action = new StringBuilder();
    description.append("These services do not go over Azure Private Link, so no request was sent:");
    for (Map.Entry<PrivateLinkService, Diagnosis> e : cause.failures().entrySet()) {
      PrivateLinkService service = e.getKey();
      Diagnosis d = e.getValue();
      Resolution r = d.resolution();
      description
          .append(nl)
          .append(nl)
          .append("  privatelink.services.")
          .append(service.name())
          .append(" (")
          .append(service.url())
          .append("): ")
          .append(d.verdict());
      if (!r.cnameChain().isEmpty()) {
        description
            .append(nl)
            .append("    chain:      ")
            .append(String.join(" -> ", r.cnameChain()));
      }
      for (Resolution.Address a : r.addresses()) {
        description
            .append(nl)
            .append("    address:    ")
            .append(a.text())
            .append(a.decision().allowed() ? " allowed by " : " denied by ")
            .append(a.decision().rule());
      }
      r.nameserver().ifPresent(ns -> description.append(nl).append("    nameserver: ").append(ns));
      r.detail()
          .ifPresent(detail -> description.append(nl).append("    detail:     ").append(detail));
      for (String hint : d.hints()) {
        action.append("- ").append(service.name()).append(": ").append(hint).append(nl);
      }
    }
    action
        .append(nl)
        .append("Check a host from inside the VNet with the privatelink CLI:")
        .append(" privatelink check --dns <the VNet's DNS server> <url>")
        .append(nl)
        .append("To start anyway, report DOWN in the privateLink health indicator and refuse")
        .append(" every call until DNS is fixed, set privatelink.fail-fast=false.");
    return new FailureAnalysis(description.toString(), action.toString(), cause);
  }
}
