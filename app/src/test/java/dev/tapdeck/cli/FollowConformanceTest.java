package dev.tapdeck.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck read -q -z follow,...} against tshark 4.0.17 on every TCP and UDP stream with
 * payload of the corpus, in each mode (ascii, hex, raw, yaml), stream by stream: the SHA-256
 * of each stream's text, and the whole text where it is small enough to keep. Recorded by
 * {@code follow/make-follow.sh}; a stream may differ only where {@code follow/follow-exceptions.txt}
 * says why, and a reason that no longer matches a difference fails the run.
 */
class FollowConformanceTest {
    private static final String FOLLOW = "follow/";
    private static final List<String> MODES = List.of("ascii", "hex", "raw", "yaml");
    private static final Pattern BLOCK_START = Pattern.compile("\n=+\nFollow: ");
    private static final Pattern YAML_START = Pattern.compile("(?m)^peers:\n");
    private static final Pattern FILTER = Pattern.compile("(?m)^Filter: (.*)$");

    /** "capture<TAB>tcp N<TAB>mode" (or udp) of each stream and mode the exceptions let differ. */
    private static final Set<String> excused = new HashSet<>();
    private static final Set<String> excuseUsed = new HashSet<>();
    private static int streams;

    @BeforeAll
    static void loadExceptions() throws IOException {
        for (String line : resource(FOLLOW + "follow-exceptions.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            String[] streams = columns[1].split(" ");
            List<String> modes = columns[2].equals("*") ? MODES : List.of(columns[2].split(","));
            // indexes joined by commas, or one ADDRESS:PORT,ADDRESS:PORT pair
            for (String index : streams[1].contains(":") ? new String[] {streams[1]} : streams[1].split(",")) {
                for (String mode : modes) {
                    excused.add(columns[0] + "\t" + streams[0] + " " + index + "\t" + mode);
                }
            }
        }
    }

    static Stream<Arguments> followed() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (var capture : Corpus.captures()) {
            String name = capture.getFileName().toString();
            if (FollowConformanceTest.class.getResource(FOLLOW + name + ".streams") != null) {
                for (String mode : MODES) {
                    cases.add(Arguments.of(name, mode));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("followed")
    void followPrintsWhatTsharkPrints(String capture, String mode) throws IOException {
        List<String> args = new ArrayList<>(List.of(Corpus.directory().resolve(capture).toString(), "-q"));
        List<String> requested = resource(FOLLOW + capture + ".streams").lines().toList();
        for (String z : requested) {
            args.add("-z");
            args.add(z.replace("MODE", mode));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandRun run = CommandRun.into(out, o -> new ReadCommand().output(o), args.toArray(String[]::new));
        assertThat(run.stderr()).as("stderr").doesNotContain("follow");
        byte[] actual = out.toByteArray();
        List<String> expected = resource(FOLLOW + capture + "." + mode + ".sha256").lines().toList();
        List<byte[]> blocks = blocks(actual, mode.equals("yaml"));
        assertThat(blocks).as("streams printed for %s", capture).hasSameSizeAs(expected);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String[] want = expected.get(i).split("\t", 3);
            String got = sha256(blocks.get(i)) + "\t" + blocks.get(i).length;
            // tshark prints the streams in the reverse order of their -z arguments: follow,tcp,MODE,3 is "tcp 3"
            String[] z = requested.get(requested.size() - 1 - i).split(",", 4);
            String key = capture + "\t" + z[1] + " " + z[3] + "\t" + mode;
            streams++;
            if (!got.equals(want[0] + "\t" + want[1])) {
                if (excused.contains(key)) {
                    excuseUsed.add(key);
                } else {
                    differences.add(z[1] + " " + z[3] + " (" + want[1] + " bytes from tshark, " + blocks.get(i).length + " here)");
                }
            }
        }
        if (!differences.isEmpty() && FollowConformanceTest.class.getResource(FOLLOW + capture + "." + mode + ".txt") != null) {
            differences.add(firstDifference(resource(FOLLOW + capture + "." + mode + ".txt"), new String(actual, StandardCharsets.ISO_8859_1)));
        }
        assertThat(differences).as("streams of %s in %s mode that differ from tshark's", capture, mode).isEmpty();
    }

    @AfterAll
    static void everyExceptionStillExplainsADifference() {
        if (streams > 0) {
            assertThat(excuseUsed).as("follow-exceptions.txt lines that match a difference").containsExactlyInAnyOrderElementsOf(excused);
        }
    }

    /** The first line where tshark's text and ours part, for the failure message. */
    private static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<end>";
            String g = i < got.size() ? got.get(i) : "<end>";
            if (!w.equals(g)) {
                return "line " + (i + 1) + ": tshark " + w + " | here " + g;
            }
        }
        return "the same lines";
    }

    /** The output split into its streams, as make-follow.sh splits tshark's. */
    private static List<byte[]> blocks(byte[] output, boolean yaml) {
        String text = new String(output, StandardCharsets.ISO_8859_1);
        Matcher m = (yaml ? YAML_START : BLOCK_START).matcher(text);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
        }
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            blocks.add(text.substring(starts.get(i), end).getBytes(StandardCharsets.ISO_8859_1));
        }
        return blocks;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FollowConformanceTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s (follow/make-follow.sh makes it)", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
