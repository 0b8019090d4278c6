package dev.tapdeck.stream;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 TCP streams open at once, each holding an out-of-order segment, fit a 112 MB heap with their
 * reassembly and sequence-analysis state (10 MB of it the held segments themselves):
 * {@link ManyStreamsChild} runs them in a JVM of its own so that the heap limit is real.
 */
class ManyStreamsTest {
    @Test
    void aHundredThousandConcurrentStreamsFitAFixedHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx112m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ManyStreamsChild.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as("the child's exit status; its output: %s", output).isZero();
        long streams = ManyStreamsChild.STREAMS;
        long chunks = ManyStreamsChild.IN_ORDER_ROUNDS + 2;
        assertThat(output.lines()).containsExactly(
                "held " + streams * ManyStreamsChild.CHUNK,
                "streams " + streams + " bytes " + streams * chunks * ManyStreamsChild.CHUNK + " gaps 0 held 0");
    }
}
