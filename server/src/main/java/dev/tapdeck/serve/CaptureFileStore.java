package dev.tapdeck.serve;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The capture files the server may replay: those uploaded (kept in a temporary folder until
 * the server stops) and those named at start-up. A client names a file by its id, never by a
 * path on the server.
 */
public final class CaptureFileStore implements AutoCloseable {
    /** A replayable file: its id for the API, its own name, format and packet count. */
    public record StoredFile(String id, String name, String format, long packets, long bytes) {}

    private final Path folder;
    private final long limitBytes;
    private final Map<String, Path> paths = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    public CaptureFileStore(long limitBytes) {
        this.limitBytes = limitBytes;
        try {
            folder = Files.createTempDirectory("tapdeck-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for uploaded captures", e);
        }
    }

    /** Registers a file on this machine, as {@code tapdeck serve --replay FILE} does. */
    public StoredFile register(Path file) throws IOException {
        String id = "f" + nextId.getAndIncrement();
        StoredFile stored = inspect(id, file.getFileName().toString(), file);
        paths.put(id, file);
        files.put(id, stored);
        return stored;
    }

    /**
     * Stores an upload after checking that it is a readable capture.
     *
     * @throws ApiException 413 when it is larger than the limit, 400 when it is not a capture or is damaged
     */
    public StoredFile upload(String name, InputStream body) throws IOException {
        String id = "u" + nextId.getAndIncrement();
        // The id keeps names apart; the name, made safe for a file system, is what a replay shows.
        String safeName = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = folder.resolve(safeName.isEmpty() ? id : id + "-" + safeName);
        long copied;
        try (InputStream limited = body) {
            copied = Files.copy(new LimitedInputStream(limited, limitBytes + 1), target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (copied > limitBytes) {
            Files.deleteIfExists(target);
            throw new ApiException(413, "file too large", "uploads are limited to " + (limitBytes >> 20) + " MiB (option upload-megabytes)");
        }
        StoredFile stored;
        try {
            stored = inspect(id, name == null || name.isBlank() ? id : name, target);
        } catch (CaptureFileException e) {
            Files.deleteIfExists(target);
            throw new ApiException(400, "not a readable capture", e.getMessage());
        }
        paths.put(id, target);
        files.put(id, stored);
        return stored;
    }

    public List<StoredFile> list() {
        return files.values().stream().sorted(Comparator.comparing(StoredFile::id)).toList();
    }

    public StoredFile file(String id) {
        StoredFile file = files.get(id);
        if (file == null) {
            throw new ApiException(404, "no such file", "no capture file with id \"" + id + "\" (GET /api/files lists them)");
        }
        return file;
    }

    public Path path(String id) {
        file(id);
        return paths.get(id);
    }

    /** Reads the whole file once: a damaged record is refused now, not halfway through a replay. */
    private static StoredFile inspect(String id, String name, Path file) throws IOException {
        long packets = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                packets++;
            }
            return new StoredFile(id, name, reader.formatName(), packets, Files.size(file));
        }
    }

    @Override
    public void close() {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // Only temporary files are left behind; nothing to tell the user about.
        }
    }

    /** Stops reading after {@code limit} bytes, so an oversized upload never fills the disk. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
