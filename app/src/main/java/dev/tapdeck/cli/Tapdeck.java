package dev.tapdeck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** The {@code tapdeck} command: one subcommand per job. */
@Command(name = "tapdeck",
        mixinStandardHelpOptions = true,
        versionProvider = Tapdeck.Version.class,
        description = "Capture, read and analyse network traffic.")
public final class Tapdeck implements Runnable {
    /**
     * The subcommands, in the order help lists them, each made only when needed: picocli reads
     * a command's whole model when it is added (a tenth of a second for all of them, at start),
     * and a one-shot {@code tapdeck read} should not pay for the others.
     */
    private static final List<String> SUBCOMMANDS = List.of("demo", "serve", "read", "follow", "analyze", "explain", "capture", "interfaces", "doctor", "generate", "fields", "help");

    /**
     * A switch, not a table of constructor references: with such a table here, the JVM that
     * writes the JDK 25 startup cache died with an internal error (and left an empty cache).
     */
    private static Object subcommandObject(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "serve" -> new ServeCommand();
            case "read" -> new ReadCommand();
            case "follow" -> new FollowCommand();
            case "analyze" -> new AnalyzeCommand();
            case "explain" -> new ExplainCommand();
            case "capture" -> new CaptureCommand();
            case "interfaces" -> new InterfacesCommand();
            case "doctor" -> new DoctorCommand();
            case "generate" -> new GenerateCommand();
            case "fields" -> new FieldsCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /**
     * Built as a command line of its own: picocli runs a command's model transformer (serve's
     * and demo's flags made from the server options) only for a command line the caller builds.
     */
    private static CommandLine subcommand(String name) {
        return new CommandLine(subcommandObject(name));
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The command line for {@code args}: only the subcommand they name, or all of them for help and mistakes. */
    static CommandLine commandLine(String... args) {
        CommandLine tapdeck = new CommandLine(new Tapdeck());
        String named = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.contains(named) && !named.equals("help")) {
            tapdeck.addSubcommand(named, subcommand(named));
        } else {
            for (String name : SUBCOMMANDS) {
                tapdeck.addSubcommand(name, subcommand(name));
            }
        }
        return tapdeck;
    }

    @Spec
    CommandSpec spec;

    /** No subcommand: the usage, with every subcommand listed. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** "tapdeck 0.1.0", or "tapdeck development build" when run from classes rather than the jar. */
    static String versionText() {
        String version = Tapdeck.class.getPackage().getImplementationVersion();
        return "tapdeck " + (version == null ? "development build" : version);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionText()};
        }
    }
}
