package dev.tapdeck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tapdeck} command: one subcommand per job. */
@Command(name = "tapdeck",
        mixinStandardHelpOptions = true,
        versionProvider = Tapdeck.Version.class,
        description = "Capture, read and analyse network traffic.",
        subcommands = {DemoCommand.class, ServeCommand.class, ReadCommand.class, CaptureCommand.class, InterfacesCommand.class, DoctorCommand.class,
                GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Tapdeck implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tapdeck()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
