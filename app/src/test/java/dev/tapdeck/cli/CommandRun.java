package dev.tapdeck.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Runs a {@code tapdeck} command in-process and keeps what it printed. */
record CommandRun(int exitCode, String stdout, String stderr) {

    static CommandRun read(String... args) {
        return run(out -> new ReadCommand().output(out), args);
    }

    /** {@code tapdeck read} with {@code capture} on its standard input (as {@code read -}). */
    static CommandRun readStandardInput(byte[] capture, String... args) {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(capture));
            return read(args);
        } finally {
            System.setIn(original);
        }
    }

    static CommandRun follow(String... args) {
        return run(out -> new FollowCommand().output(out), args);
    }

    static CommandRun analyze(String... args) {
        return run(out -> new AnalyzeCommand().output(out), args);
    }

    static CommandRun capture(String... args) {
        return run(out -> new CaptureCommand().output(out), args);
    }

    static CommandRun generate(String... args) {
        return of(new GenerateCommand(), args);
    }

    /** Runs a command that prints through picocli's own writers. */
    static CommandRun of(Object command, String... args) {
        return run(out -> command, args);
    }

    private static CommandRun run(Function<OutputStream, Object> commandPrintingTo, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandRun run = into(out, commandPrintingTo, args);
        return new CommandRun(run.exitCode(), out.toString(StandardCharsets.UTF_8), run.stderr());
    }

    /** Runs a command whose standard output is {@code out}, a stream the test controls; stdout stays empty here. */
    static CommandRun into(OutputStream out, Function<OutputStream, Object> commandPrintingTo, String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(commandPrintingTo.apply(out));
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        int exit = command.execute(args);
        return new CommandRun(exit, "", err.toString());
    }

    List<String> lines() {
        return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
    }
}
