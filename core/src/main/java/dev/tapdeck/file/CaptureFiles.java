package dev.tapdeck.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a capture for reading, whatever its format: pcap or pcapng, told apart by the
 * magic number at the start of the data, never by the file name.
 */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /**
     * Opens a capture file.
     *
     * @throws java.nio.file.NoSuchFileException     when the file does not exist
     * @throws java.nio.file.AccessDeniedException   when it may not be read
     * @throws CaptureFileException                  when it is not a pcap or pcapng file
     */
    public static CaptureReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a capture file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return open(channel);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Opens the file at {@code pathOrDash}, or standard input when it is "-". */
    public static CaptureReader open(String pathOrDash) throws IOException {
        return "-".equals(pathOrDash) ? open(System.in) : open(Path.of(pathOrDash));
    }

    /** Reads a capture from a stream, such as standard input; the reader closes the stream. */
    public static CaptureReader open(InputStream in) throws IOException {
        return open(new InputStreamChannel(in));
    }

    /** Reads a capture from a channel; the reader closes the channel. */
    public static CaptureReader open(ReadableByteChannel channel) throws IOException {
        ReadWindow window = new ReadWindow(channel);
        if (!window.fill(4)) {
            throw new CaptureFileException(window.available() == 0
                    ? "empty input: not a pcap or pcapng file"
                    : "not a pcap or pcapng file (only " + window.available() + " bytes)", 0, 0);
        }
        int magic = window.segment.get(ReadWindow.INT_LE, window.position);
        if (PcapReader.isPcapMagic(magic)) {
            return new PcapReader(window);
        }
        if (magic == PcapngReader.SECTION_HEADER_BLOCK) {
            return new PcapngReader(window);
        }
        throw new CaptureFileException(String.format("not a pcap or pcapng file (magic 0x%08x)",
                Integer.reverseBytes(magic)), 0, 0);
    }
}
