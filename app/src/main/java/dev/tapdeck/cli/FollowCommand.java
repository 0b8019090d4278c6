package dev.tapdeck.cli;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tapdeck follow}: one TCP or UDP stream's bytes, as Wireshark's "Follow Stream" shows them. */
@Command(name = "follow",
        mixinStandardHelpOptions = true,
        description = {
                "Print what both sides of one TCP stream (or, with --udp, UDP stream) said, in order, as",
                "tshark -q -z follow,tcp,MODE,STREAM prints it: the client's bytes (node 0, the side",
                "that sent the stream's first packet) flush left, the server's indented by a tab. Bytes",
                "the capture lacks but the other side acknowledged show as \"[N bytes missing in",
                "capture file]\". STREAM is the tcp.stream (udp.stream) index that -T fields -e",
                "tcp.stream prints, or ADDRESS:PORT,ADDRESS:PORT."},
        footer = {"", "Examples:",
                "  tapdeck follow capture.pcap 0",
                "  tapdeck follow capture.pcap 3 --format hex",
                "  tapdeck follow capture.pcap 10.1.1.2:44644,10.1.1.1:80 --output streams/",
                "  tapdeck follow capture.pcap 2 --udp --format json",
                "", "--output DIR writes the bytes each side sent to DIR/tcp-STREAM-client.bin and",
                "DIR/tcp-STREAM-server.bin (udp- for --udp), without markers for missing bytes,",
                "and prints where they went.",
                "", "Exit status: 0 on success, 2 for a bad STREAM or format, or when the file is missing,",
                "not a capture or damaged (the stream as far as the damage is printed first)."})
public final class FollowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file to read; - reads standard input.")
    String file;

    @Parameters(index = "1", paramLabel = "STREAM", description = "Stream index (tcp.stream, or udp.stream with --udp), or ADDRESS:PORT,ADDRESS:PORT.")
    String stream;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ascii (default), hex, raw, yaml or json.")
    String format = "ascii";

    @Option(names = "--udp", description = "Follow a UDP stream (udp.stream) rather than a TCP one.")
    boolean udp;

    @Option(names = "--output", paramLabel = "DIR", description = "Write each side's bytes to a file in DIR instead of printing the stream.")
    Path output;

    @Spec
    CommandSpec spec;

    private OutputStream stdout = new FileOutputStream(FileDescriptor.out);

    FollowCommand output(OutputStream out) {
        this.stdout = out;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        boolean json = format.equals("json");
        FollowRequest request;
        try {
            String mode = json ? "raw" : format.toLowerCase(Locale.ROOT);
            if (!mode.matches("ascii|hex|raw|yaml")) {
                throw new IllegalArgumentException("--format " + format + ": the formats are ascii, hex, raw, yaml and json");
            }
            request = FollowRequest.parse("follow," + (udp ? "udp" : "tcp") + "," + mode + "," + stream);
        } catch (IllegalArgumentException e) {
            err.println("tapdeck follow: " + e.getMessage().replace("follow - ", "STREAM " + stream + ": "));
            return 2;
        }
        FollowPrinter follow = new FollowPrinter(request);
        String damage;
        try {
            damage = read(follow);
        } catch (Unreadable e) {
            err.println("tapdeck follow: " + e.getMessage());
            return 2;
        }
        if (output != null) {
            String name = request.protocol() + "-" + (request.first() == null ? stream : "ends");
            Files.createDirectories(output);
            Path client = output.resolve(name + "-client.bin");
            Path server = output.resolve(name + "-server.bin");
            Files.write(client, follow.sent(false));
            Files.write(server, follow.sent(true));
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            out.println(client + " " + Files.size(client) + " bytes" + missing(follow.missing(false)));
            out.println(server + " " + Files.size(server) + " bytes" + missing(follow.missing(true)));
            out.flush();
        } else {
            stdout.write(json ? (follow.json() + "\n").getBytes(StandardCharsets.UTF_8) : follow.render());
            stdout.flush();
        }
        if (damage != null) {
            err.println("tapdeck follow: " + damage);
            return 2;
        }
        return 0;
    }

    private static String missing(long bytes) {
        return bytes == 0 ? "" : " (" + bytes + " bytes missing in the capture)";
    }

    /** Why the file could not be read at all. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Tracks every packet of the file into {@code follow}; returns the damage that ended the file early, or null. */
    private String read(FollowPrinter follow) throws Unreadable {
        StreamTracker tracker = new StreamTracker().listen(follow);
        PacketDecoder decoder = PacketDecoder.throughTransport();
        StreamFacts facts = new StreamFacts();
        PacketRecord packet = new PacketRecord();
        long frame = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next(packet)) {
                tracker.offer(decoder.decode(packet), ++frame, packet.epochNanos(), facts);
            }
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file: " + e.getFile());
        } catch (AccessDeniedException e) {
            throw new Unreadable("permission denied: " + e.getFile());
        } catch (CaptureFileException e) {
            if (frame == 0) {
                throw new Unreadable(file + ": " + e.getMessage());
            }
            return file + ": " + e.getMessage(); // after the packets before the damage
        } catch (IOException e) {
            throw new Unreadable(file + ": " + e.getMessage());
        }
        return null;
    }
}
