package io.privatelink.examples.cli;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code privatelink check TARGET...}: resolves each target the way the VNet does and says whether
 * it goes over Private Link, with the evidence (nameserver, CNAME chain, addresses and the policy's
 * decision on each) and hints when it does not. The exit status sums it up (see {@link
 * ExitStatus}).
 *
 * <pre>
 * privatelink check --dns 10.0.0.4 https://myfhir.azurehealthcareapis.com/
 * privatelink check --json --allow 100.64.0.0/10 ws-dicom.dicom.azurehealthcareapis.com
 * </pre>
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {CheckCommand.SUMMARY, "Only DNS is queried; nothing connects to the target."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:every target is PRIVATE",
      " 2:a policy violation: PUBLIC_ADDRESS, MIXED_ADDRESSES or NOT_VIA_PRIVATE_LINK",
      " 3:no verdict on the policy: DNS_FAILURE, NO_SUCH_HOST or NO_ADDRESSES",
      "64:bad usage or input, including REJECTED_INPUT targets",
      " 1:unexpected error"
    },
    footer = "%nWith several targets, the most urgent status wins: 2, then 64, then 3.")
final class CheckCommand implements Callable<Integer> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Checks that each TARGET resolves to its private endpoint: every address private under the"
          + " policy and, for Azure health hosts, the CNAME chain through a privatelink zone.";

  @Mixin private ResolverOptions resolverOptions;

  @Option(names = "--json", description = "One JSON object per target, one per line.")
  private boolean json;

  @Parameters(
      paramLabel = "TARGET",
      arity = "1..*",
      description = "A service URL (https://myfhir.azurehealthcareapis.com/) or a bare host name.")
  private List<String> targets;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    return check(
        spec.commandLine().getOut(), resolverOptions.resolver(), targets, json, cli.verbose());
  }

  /**
   * Checks each target and prints its report: the body of {@code check}, shared with its way around
   * picocli ({@link CheckFastPath}).
   *
   * @return the exit status
   */
  static int check(
      PrintWriter out,
      PrivateLinkResolver resolver,
      List<String> targets,
      boolean json,
      boolean verbose) {
    List<Verdict> verdicts = new ArrayList<>();
    for (String target : targets) {
      Diagnosis diagnosis = resolver.diagnose(target);
      verdicts.add(diagnosis.verdict());
      if (json) {
        out.println(JsonReport.line(target, diagnosis));
      } else {
        if (verdicts.size() > 1) {
          out.println();
        }
        HumanReport.print(out, diagnosis, resolver.nameservers(), verbose);
      }
      out.flush();
    }
    return ExitStatus.of(verdicts);
  }
}
