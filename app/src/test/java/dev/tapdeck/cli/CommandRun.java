package dev.tapdeck.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs a {@code tapdeck} command in-process and keeps what it printed. */
record CommandRun(int exitCode, String stdout, String stderr) {

    static CommandRun read(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return run(new CommandLine(new ReadCommand().output(out)), out, args);
    }

    static CommandRun generate(String... args) {
        return run(new CommandLine(new GenerateCommand()), new ByteArrayOutputStream(), args);
    }

    private static CommandRun run(CommandLine command, ByteArrayOutputStream out, String... args) {
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        int exit = command.execute(args);
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    List<String> lines() {
        return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
    }
}
