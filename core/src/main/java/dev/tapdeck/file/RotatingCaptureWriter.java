package dev.tapdeck.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Records packets as pcapng into one file, or into a ring of files as dumpcap's {@code -b}
 * options do: a new file when the current one would pass a size, or when its time is up, and
 * only the newest few kept.
 *
 * <p>Every file is a whole capture: a section header with the {@link SectionInfo}, the
 * interfaces given to {@link #describeInterface}, then the packets, any other interface
 * described by its link type just before its first packet in the file. A new file starts
 * between two packets, never inside one.
 *
 * <p>Files start and data is flushed by the wall clock of the {@link Clock} given, never by
 * packet times. What is written reaches the operating system at the first write a second or
 * more after the last flush; when packets stop coming, the capture loop calls
 * {@link #flushIfDue()} on its idle turns so that the file stays at most a second behind.
 * Writing a packet allocates nothing, except when it starts a new file or interface.
 *
 * <p>Not thread-safe: call it from the capture loop's thread. After an {@link IOException}
 * the writer can only be closed.
 */
public final class RotatingCaptureWriter implements CaptureWriter {
    private static final long FLUSH_INTERVAL_MILLIS = 1000;
    /** As dumpcap's {@code -b filesize}: 1,000 bytes a kB. */
    private static final long BYTES_PER_KILOBYTE = 1000;
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /**
     * When to start a new file and how many to keep; 0 means no such limit. Without a size or
     * a duration everything goes into one file at exactly {@code path}.
     *
     * @param path             the file, or with a size or duration the pattern of the files'
     *                         names, as dumpcap makes them: {@code /tmp/cap.pcapng} gives
     *                         {@code /tmp/cap_00001_20261122143000.pcapng}, the file's number
     *                         and the local time it started
     * @param maxFileKilobytes start a new file before one would pass this many kB of 1,000
     *                         bytes ({@code -b filesize}); a packet larger than that goes into
     *                         a file of its own
     * @param maxFileSeconds   start a new file once one has been open this many seconds
     *                         ({@code -b duration})
     * @param alignToClock     start files instead at the multiples of {@code maxFileSeconds} on
     *                         the clock, counted from 1970 in UTC as dumpcap's
     *                         {@code -b interval} does: 3600 starts one every hour on the hour
     * @param maxFiles         keep only the newest this many files, deleting older ones
     *                         ({@code -b files})
     */
    public record Settings(Path path, long maxFileKilobytes, long maxFileSeconds, boolean alignToClock, int maxFiles) {
        public Settings {
            if (path == null || path.getFileName() == null) {
                throw new IllegalArgumentException("the capture needs a file to go to, e.g. /tmp/cap.pcapng; got "
                        + (path == null ? "none" : path + ", which names no file"));
            }
            if (maxFileKilobytes < 0 || maxFileKilobytes > Long.MAX_VALUE / BYTES_PER_KILOBYTE) {
                throw new IllegalArgumentException("file size limit of " + maxFileKilobytes
                        + " kB is impossible: give a positive number of kB, or 0 for no size limit");
            }
            if (maxFileSeconds < 0 || maxFileSeconds > Long.MAX_VALUE / 1000) {
                throw new IllegalArgumentException("file duration of " + maxFileSeconds
                        + " s is impossible: give a positive number of seconds, or 0 for no time limit");
            }
            if (alignToClock && maxFileSeconds == 0) {
                throw new IllegalArgumentException("aligning files to the clock needs a file duration to align to:"
                        + " give maxFileSeconds as well");
            }
            if (maxFiles < 0) {
                throw new IllegalArgumentException("number of files to keep " + maxFiles
                        + " is negative: give a positive number, or 0 to keep every file");
            }
            if (maxFiles > 0 && maxFileKilobytes == 0 && maxFileSeconds == 0) {
                throw new IllegalArgumentException("keeping " + maxFiles + " files needs a file size or duration"
                        + " limit to start new files by: without one there is only one file");
            }
        }

        /** Everything into one file at exactly {@code path}. */
        public static Settings singleFile(Path path) {
            return new Settings(path, 0, 0, false, 0);
        }

        private boolean rotates() {
            return maxFileKilobytes > 0 || maxFileSeconds > 0;
        }
    }

    private record DescribedInterface(int interfaceId, int linkType, InterfaceInfo info) {
    }

    private final Settings settings;
    private final SectionInfo section;
    private final Clock clock;
    /** 0 when files have no size limit. */
    private final long maxFileBytes;
    private final List<DescribedInterface> describedInterfaces = new ArrayList<>();
    /** Files written and not deleted, oldest first; the last is the one being written. */
    private final Deque<Path> files = new ArrayDeque<>();
    private PcapngWriter current;
    private int fileNumber;
    private boolean fileHasPackets;
    /** Long.MAX_VALUE when files have no time limit. */
    private long nextFileAtMillis;
    private long lastFlushMillis;

    /** A writer on the system clock, naming files in the default time zone. */
    public RotatingCaptureWriter(Settings settings, SectionInfo section) throws IOException {
        this(settings, section, Clock.systemDefaultZone());
    }

    /**
     * Creates the first file.
     *
     * @param clock the wall clock that starts files and flushes; its zone is the one of the
     *              times in file names
     * @throws IOException when the file cannot be created, with its path in the message
     */
    public RotatingCaptureWriter(Settings settings, SectionInfo section, Clock clock) throws IOException {
        this.settings = settings;
        this.section = section;
        this.clock = clock;
        this.maxFileBytes = settings.maxFileKilobytes() * BYTES_PER_KILOBYTE;
        try {
            startFile(clock.millis());
        } catch (IOException e) {
            if (current != null) { // the file was created, its header not written
                try {
                    current.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Describes an interface in the current file and at the start of every file after it, so
     * that interfaces described before the first packet have the same ids in every file; it
     * must come before that interface's first packet.
     *
     * @throws IllegalStateException when the interface is already described in the current file
     * @see PcapngWriter#describeInterface
     */
    public void describeInterface(int interfaceId, int linkType, InterfaceInfo info) throws IOException {
        try {
            current.describeInterface(interfaceId, linkType, info);
        } catch (IOException e) {
            throw failure("write", currentFile(), e);
        }
        describedInterfaces.add(new DescribedInterface(interfaceId, linkType, info));
    }

    /**
     * Appends one packet, first starting a new file if the current one's time is up or the
     * packet would take it past the size limit.
     *
     * @throws IOException              when a file cannot be written, created or deleted, with its path
     * @throws IllegalArgumentException when pcapng cannot hold the packet (see {@link PcapngWriter#write})
     */
    @Override
    public void write(PacketRecord packet) throws IOException {
        write(packet, null);
    }

    /**
     * Appends one packet with an {@code opt_comment} (none when null), as {@link #write(PacketRecord)}
     * does; the size limit counts the packet without its comment.
     */
    public void write(PacketRecord packet, String comment) throws IOException {
        long now = clock.millis();
        if (now >= nextFileAtMillis || (maxFileBytes > 0 && fileHasPackets
                && current.bytesWritten() + current.bytesToWrite(packet) > maxFileBytes)) {
            startFile(now);
        }
        try {
            current.write(packet, comment);
        } catch (IOException e) {
            throw failure("write", currentFile(), e);
        }
        fileHasPackets = true;
        if (now - lastFlushMillis >= FLUSH_INTERVAL_MILLIS) {
            flush(now);
        }
    }

    /** Flushes if a second or more has passed since the last flush: for the idle turns of the capture loop. */
    public void flushIfDue() throws IOException {
        long now = clock.millis();
        if (now - lastFlushMillis >= FLUSH_INTERVAL_MILLIS) {
            flush(now);
        }
    }

    /** Sends everything written so far to the operating system. */
    public void flush() throws IOException {
        flush(clock.millis());
    }

    private void flush(long now) throws IOException {
        try {
            current.flush();
        } catch (IOException e) {
            throw failure("write", currentFile(), e);
        }
        lastFlushMillis = now;
    }

    /** The files written and kept, oldest first; the last is the one being written. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    private Path currentFile() {
        return files.getLast();
    }

    /** Closes the current file, makes room in the ring, then creates the next file and writes its headers. */
    private void startFile(long now) throws IOException {
        if (current != null) {
            close();
        }
        // Deleting first, as dumpcap does, frees the space the new file may need.
        while (settings.maxFiles() > 0 && files.size() >= settings.maxFiles()) {
            Path oldest = files.removeFirst();
            try {
                Files.deleteIfExists(oldest);
            } catch (IOException e) {
                throw failure("delete", oldest, e);
            }
        }
        fileNumber++;
        Path file = settings.rotates() ? numberedFile(now) : settings.path();
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw failure("create", file, e);
        }
        current = new PcapngWriter(out, section);
        files.addLast(file);
        try {
            for (DescribedInterface described : describedInterfaces) {
                current.describeInterface(described.interfaceId(), described.linkType(), described.info());
            }
        } catch (IOException e) {
            throw failure("write", file, e);
        }
        fileHasPackets = false;
        flush(now); // from the start, the file reads as a capture, if an empty one
        long period = settings.maxFileSeconds() * 1000;
        if (period == 0) {
            nextFileAtMillis = Long.MAX_VALUE;
        } else if (settings.alignToClock()) {
            nextFileAtMillis = (Math.floorDiv(now, period) + 1) * period;
        } else {
            nextFileAtMillis = now + period;
        }
    }

    /** dumpcap's name for a file of the ring: base name, 5-digit file number, local start time, extension. */
    private Path numberedFile(long now) {
        String name = settings.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String time = NAME_TIME.format(Instant.ofEpochMilli(now).atZone(clock.getZone()));
        return settings.path().resolveSibling(String.format("%s_%05d_%s%s", stem, fileNumber, time, extension));
    }

    /** An exception that names the file and says what went wrong in words a user can act on. */
    private static IOException failure(String action, Path file, IOException cause) {
        String reason = switch (cause) {
            case NoSuchFileException _ -> "no such folder";
            case AccessDeniedException _ -> "permission denied";
            case FileSystemException e when e.getReason() != null -> e.getReason();
            default -> cause.getMessage();
        };
        return new IOException("cannot " + action + " " + file + ": " + reason, cause);
    }

    @Override
    public void close() throws IOException {
        try {
            current.close();
        } catch (IOException e) {
            throw failure("write", currentFile(), e);
        }
    }
}
