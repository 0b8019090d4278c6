package dev.tapdeck.cli;

import dev.tapdeck.explain.Explainer;
import dev.tapdeck.explain.Explanation;
import dev.tapdeck.explain.FilePacketContext;
import dev.tapdeck.file.CaptureFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/** {@code tapdeck explain FILE NUMBER}: one packet in plain words, with its place in its conversation. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {"Explain packet NUMBER of a capture file in plain words (markdown): what it is, layer by layer,",
                "its role in its conversation, and what is unusual about it.",
                "Tapdeck's own offline explainer answers, unless TAPDECK_AI_BASE_URL and TAPDECK_AI_MODEL (and",
                "TAPDECK_AI_KEY) name an OpenAI-compatible endpoint; if the model fails, the offline text says why."},
        footer = {"", "Examples:",
                "  tapdeck explain capture.pcapng 12",
                "  TAPDECK_AI_BASE_URL=http://127.0.0.1:11434/v1 TAPDECK_AI_MODEL=llama3.2 tapdeck explain capture.pcapng 12",
                "", "Exit status: 0 explained; 2 no such file or packet, a damaged file, or bad TAPDECK_AI_* settings."})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A pcap or pcapng capture file.")
    Path file;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "The packet's frame number, from 1 (as tapdeck read and Wireshark number them).")
    long number;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Explainer explainer = Explainer.fromEnvironment(System.getenv());
            Explanation explanation = explainer.explainPacket(number, FilePacketContext.around(file, number));
            out.println(explanation.text());
            out.flush();
            err.println("tapdeck explain: source: " + explanation.source());
            return 0;
        } catch (NoSuchFileException e) {
            err.println("tapdeck explain: no such file: " + file);
        } catch (CaptureFileException | NoSuchElementException | IllegalArgumentException e) {
            err.println("tapdeck explain: " + e.getMessage());
        } catch (IOException e) {
            err.println("tapdeck explain: cannot read " + file + ": " + e.getMessage());
        }
        return 2;
    }
}
