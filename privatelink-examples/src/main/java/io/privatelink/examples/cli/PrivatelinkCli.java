package io.privatelink.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code privatelink} command line: what an operator runs when a private link breaks.
 *
 * <pre>
 * java -jar privatelink.jar demo
 * java -jar privatelink.jar check --dns 10.0.0.4 https://myfhir.azurehealthcareapis.com/
 * java -jar privatelink.jar capabilities --dns 10.0.0.4 https://myfhir.azurehealthcareapis.com/
 * </pre>
 *
 * <p>Each subcommand is a small class of its own ({@link DemoCommand}, {@link CheckCommand}, {@link
 * CapabilitiesCommand}, {@link DicomHealthCommand}); options they share live in mixins ({@link
 * ResolverOptions}, {@link ServiceOptions}), and the commands that call a service do it through the
 * samples in {@code io.privatelink.examples}. Errors are printed as one paragraph on stderr, with the stack
 * trace only under {@code --verbose}. Exit statuses are listed in {@link ExitStatus}.
 *
 * <p>Embed or test it with {@link #run(PrintWriter, PrintWriter, String...)}, which never calls
 * {@code System.exit}.
 */
@Command(
    name = "privatelink",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Diagnoses and calls Azure FHIR and DICOM services over their Private Link endpoint only.",
    subcommands = {
      DemoCommand.class,
      CheckCommand.class,
      DoctorCommand.class,
      SandboxCommand.class,
      CapabilitiesCommand.class,
      DicomHealthCommand.class,
      HelpCommand.class
    },
    commandListHeading = "%nCommands:%n")
public final class PrivatelinkCli implements Callable<Integer> {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Explain each policy decision; show the stack trace of an error.")
  private boolean verbose;

  @Spec private CommandSpec spec;

  private PrivatelinkCli() {}

  /** Runs the command line and exits with its {@linkplain ExitStatus status}. */
  public static void main(String... args) {
    int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(status);
  }

  /**
   * Runs the command line with the given output and error writers, which are flushed, not closed.
   *
   * @return the {@linkplain ExitStatus exit status}
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    PrivatelinkCli cli = new PrivatelinkCli();
    CommandLine commandLine =
        new CommandLine(cli)
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(PrivatelinkCli::usageError)
            .setExecutionExceptionHandler(cli::unexpectedError);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Whether {@code --verbose} was given, before or after the subcommand. */
  boolean verbose() {
    return verbose;
  }

  /** {@code privatelink} alone: say what to run instead. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing a command; to check a host, run e.g. 'privatelink check --dns 10.0.0.4"
            + " myfhir.azurehealthcareapis.com'");
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + name + " --help' for usage.");
    return ExitStatus.USAGE;
  }

  private int unexpectedError(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(
        command.getCommandSpec().qualifiedName()
            + ": failed unexpectedly: "
            + e
            + ". This is likely a bug; "
            + (verbose ? "please report it with the trace below." : "run again with --verbose"
                + " for the stack trace and report it."));
    if (verbose) {
      e.printStackTrace(err);
    }
    return ExitStatus.ERROR;
  }
}
