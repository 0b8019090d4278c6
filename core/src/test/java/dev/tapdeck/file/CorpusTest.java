package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every capture of the shared corpus and compares each packet with tshark's decode:
 * count, frame.len, frame.cap_len, frame.time_epoch (with the record's precision), the link
 * type, and whether tshark stopped with an error.
 */
public class CorpusTest {

    /** The corpus folder; a missing corpus fails the tests, it does not skip them. */
    public static Path corpus() {
        String shared = System.getProperty("tapdeck.shared");
        Path folder = (shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared)).resolve("corpus");
        assertThat(folder).as("the capture corpus (system property tapdeck.shared names the folder that holds corpus/)")
                .isDirectory();
        return folder;
    }

    private static List<Path> captures(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Files.exists(TsharkExpectations.expectedJsonl(file))).sorted().toList();
        }
    }

    @Test
    void theCorpusHoldsEveryCaptureItsManifestLists() throws IOException {
        Path folder = corpus();
        List<String> manifest = Files.readAllLines(folder.resolve("manifest.tsv")).stream()
                .skip(1).filter(line -> !line.isBlank()).map(line -> line.split("\t")[0]).sorted().toList();
        assertThat(manifest).hasSizeGreaterThanOrEqualTo(70);
        assertThat(captures(folder)).extracting(file -> file.getFileName().toString()).containsExactlyElementsOf(manifest);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusCaptureReadsAsTsharkReadsIt() throws IOException {
        return captures(corpus()).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> TsharkExpectations.assertReaderMatches(file)));
    }

    /** A capture made for this test (see tsresol-variety.py) of every if_tsresol kind and if_tsoffset. */
    @Test
    void timestampResolutionsAndOffsetsReadAsTsharkReadsThem() throws IOException, URISyntaxException {
        Path capture = Path.of(CorpusTest.class.getResource("tsresol-variety.pcapng").toURI());
        TsharkExpectations.assertReaderMatches(capture);
    }
}
