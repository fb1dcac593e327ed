package io.privatelink.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
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
 * samples in {@code io.privatelink.examples}. Errors are printed as one paragraph on stderr, with
 * the stack trace only under {@code --verbose}. Exit statuses are listed in {@link ExitStatus}.
 *
 * <p>Embed or test it with {@link #run(PrintWriter, PrintWriter, String...)}, which never calls
 * {@code System.exit}.
 *
 * <p>Only the subcommands named on the command line are built: picocli reflects over a command's
 * class when it is added, and for all of them that loads HAPI, Azure and testkit classes a {@code
 * check} never uses. The others are listed (help, suggestions) by name and {@code SUMMARY} only.
 * And the common forms of {@code check} do not reach picocli at all ({@link CheckFastPath}): its
 * reflection over the command classes was a third of a {@code check}'s start.
 */
@Command(
    name = "privatelink",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Diagnoses and calls Azure FHIR and DICOM services over their Private Link endpoint only.",
    commandListHeading = "%nCommands:%n")
public final class PrivatelinkCli implements Callable<Integer> {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Explain each policy decision; show the stack trace of an error.")
  private boolean verbose;

  @Spec private CommandSpec spec;

  /** The subcommands in the order {@code --help} lists them. */
  private static final List<String> SUBCOMMANDS =
      List.of(
          "demo", "check", "doctor", "sandbox", "capabilities", "dicom-health", "export", "help");

  /** The command list's entry for {@code help}: picocli's {@link HelpCommand} header. */
  private static final String HELP_SUMMARY =
      "Display help information about the specified command.";

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
    try {
      OptionalInt fast = CheckFastPath.run(out, err, args);
      return fast.isPresent() ? fast.getAsInt() : runWithPicocli(out, err, args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** {@link #run} through picocli, for every command line (tests compare it with the fast path). */
  static int runWithPicocli(PrintWriter out, PrintWriter err, String... args) {
    PrivatelinkCli cli = new PrivatelinkCli();
    CommandLine commandLine = new CommandLine(cli);
    List<String> named = Arrays.asList(args);
    for (String name : SUBCOMMANDS) {
      commandLine.addSubcommand(
          name, named.contains(name) ? new CommandLine(command(name)) : listedOnly(name));
    }
    // After the subcommands: these settings reach only the subcommands already added.
    commandLine
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(PrivatelinkCli::usageError)
        .setExecutionExceptionHandler(cli::unexpectedError);
    return commandLine.execute(args);
  }

  /** A new instance of the subcommand {@code name}, one of {@link #SUBCOMMANDS}. */
  private static Object command(String name) {
    return switch (name) {
      case "demo" -> new DemoCommand();
      case "check" -> new CheckCommand();
      case "doctor" -> new DoctorCommand();
      case "sandbox" -> new SandboxCommand();
      case "capabilities" -> new CapabilitiesCommand();
      case "dicom-health" -> new DicomHealthCommand();
      case "export" -> new ExportCommand();
      case "help" -> new HelpCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * A stand-in for the subcommand {@code name} that only shows in the command list and in "did you
   * mean" suggestions; it is never run, since a subcommand on the command line is built for real.
   */
  private static CommandLine listedOnly(String name) {
    CommandSpec spec = CommandSpec.create().name(name);
    spec.usageMessage().description(summary(name));
    return new CommandLine(spec);
  }

  /** The command list's entry for {@code name}: the first line of its description. */
  private static String summary(String name) {
    return switch (name) {
      case "demo" -> DemoCommand.SUMMARY;
      case "check" -> CheckCommand.SUMMARY;
      case "doctor" -> DoctorCommand.SUMMARY;
      case "sandbox" -> SandboxCommand.SUMMARY;
      case "capabilities" -> CapabilitiesCommand.SUMMARY;
      case "dicom-health" -> DicomHealthCommand.SUMMARY;
      case "export" -> ExportCommand.SUMMARY;
      case "help" -> HELP_SUMMARY;
      default -> throw new IllegalArgumentException(name);
    };
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
    return unexpectedError(command.getErr(), command.getCommandSpec().qualifiedName(), e, verbose);
  }

  /**
   * Reports an exception a command did not expect (a bug or a broken environment) as one paragraph
   * on {@code err}, with the stack trace under {@code --verbose}.
   *
   * @param command the qualified command name, e.g. {@code privatelink check}
   * @return {@link ExitStatus#ERROR}
   */
  static int unexpectedError(PrintWriter err, String command, Exception e, boolean verbose) {
    err.println(
        command
            + ": failed unexpectedly: "
            + e
            + ". This is likely a bug; "
            + (verbose
                ? "please report it with the trace below."
                : "run again with --verbose for the stack trace and report it."));
    if (verbose) {
      e.printStackTrace(err);
    }
    return ExitStatus.ERROR;
  }
}
