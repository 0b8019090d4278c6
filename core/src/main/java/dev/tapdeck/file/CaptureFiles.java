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
        return open(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** Opens the file at {@code pathOrDash}, or standard input when it is "-". */
    public static CaptureReader open(String pathOrDash) throws IOException {
        return "-".equals(pathOrDash) ? open(System.in) : open(Path.of(pathOrDash));
    }

    /**
     * Reads a capture from a stream, such as standard input. The returned reader owns the
     * stream and closes it; if this method throws, it has closed the stream already.
     */
    public static CaptureReader open(InputStream in) throws IOException {
        return open(new InputStreamChannel(in));
    }

    /**
     * Reads a capture from a channel. The returned reader owns the channel and closes it;
     * if this method throws, it has closed the channel already.
     */
    public static CaptureReader open(ReadableByteChannel channel) throws IOException {
        ReadWindow window = new ReadWindow(channel);
        try {
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
            // The first four bytes as they stand in the file, as a hex dump shows them.
            throw new CaptureFileException(String.format("not a pcap or pcapng file (magic 0x%08x)",
                    Integer.reverseBytes(magic)), 0, 0);
        } catch (IOException | RuntimeException e) {
            ReadWindow.closeAfterFailure(window, e);
            throw e;
        }
    }
}
