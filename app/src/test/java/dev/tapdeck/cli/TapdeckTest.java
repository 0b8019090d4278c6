package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The top-level command, which adds only the subcommand it is asked for. */
class TapdeckTest {

    @Test
    void helpAndMistakesListEverySubcommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {}}) {
            String out = run(args);
            assertThat(out).as(String.join(" ", args))
                    .contains("demo", "serve", "read", "analyze", "explain", "capture", "interfaces", "doctor", "generate", "fields", "help");
        }
        assertThat(run("raed", "x.pcap")).contains("Unmatched arguments", "Did you mean: tapdeck");
    }

    @Test
    void aNamedSubcommandRunsWithOnlyItselfAdded() {
        assertThat(Tapdeck.commandLine("read", "--help").getSubcommands()).containsOnlyKeys("read");
        assertThat(run("read", "--help")).contains("Usage: tapdeck read");
        assertThat(run("help", "serve")).contains("Usage: tapdeck serve");
    }

    @Test
    void serveAndDemoHaveTheirServerFlagsHoweverTheyAreReached() {
        for (String name : new String[] {"serve", "demo"}) {
            assertThat(run(name, "--help")).as(name).contains("--port", "--token", "--batch-millis");
            assertThat(run("help", name)).as("help " + name).contains("--port", "--token");
        }
    }

    private static String run(String... args) {
        StringWriter text = new StringWriter();
        var command = Tapdeck.commandLine(args);
        command.setOut(new PrintWriter(text, true));
        command.setErr(new PrintWriter(text, true));
        command.execute(args);
        return text.toString();
    }
}
