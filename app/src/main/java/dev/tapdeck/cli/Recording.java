package dev.tapdeck.cli;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.LibpcapUnavailableException;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.file.InterfaceInfo;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.RotatingCaptureWriter;
import dev.tapdeck.file.SectionInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code tapdeck capture -w} records: nothing, one pcapng file, or dumpcap's ring of
 * files ({@code -b}). The section header names Tapdeck and the OS, the interface block the
 * interface and its filter; data reaches the disk at least every second.
 */
final class Recording {
    private final RotatingCaptureWriter.Settings settings;
    private RotatingCaptureWriter writer;
    private List<Path> files = List.of();

    private Recording(RotatingCaptureWriter.Settings settings) {
        this.settings = settings;
    }

    /** Reads -w and the -b options: filesize:KB, duration:SEC, interval:SEC (aligned to the clock), files:N. */
    static Recording parse(Path writeTo, List<String> ringOptions) {
        if (writeTo == null) {
            if (!ringOptions.isEmpty()) {
                throw new IllegalArgumentException("-b needs -w FILE: a ring buffer is a set of files");
            }
            return new Recording(null);
        }
        long kilobytes = 0, seconds = 0;
        boolean aligned = false;
        int files = 0;
        for (String option : ringOptions) {
            String[] parts = option.split(":", 2);
            String value = parts.length == 2 ? parts[1] : "";
            switch (parts[0]) {
                case "filesize" -> kilobytes = wholeNumber(option, value);
                case "duration" -> seconds = wholeNumber(option, value);
                case "interval" -> {
                    seconds = wholeNumber(option, value);
                    aligned = true;
                }
                case "files" -> files = (int) Math.min(Integer.MAX_VALUE, wholeNumber(option, value));
                default -> throw new IllegalArgumentException("-b " + option + ": use filesize:KB, duration:SEC, interval:SEC or files:N");
            }
        }
        return new Recording(new RotatingCaptureWriter.Settings(writeTo, kilobytes, seconds, aligned, files));
    }

    private static long wholeNumber(String option, String value) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException("-b " + option + ": \"" + value + "\" is not a positive whole number");
    }

    Path path() { return settings == null ? null : settings.path(); }

    void open(CaptureSettings capture, int linkType) throws IOException {
        if (settings == null || writer != null) {
            return;
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        writer = new RotatingCaptureWriter(settings, new SectionInfo(System.getProperty("os.arch"), os, Tapdeck.versionText()));
        writer.describeInterface(0, linkType, new InterfaceInfo(capture.interfaceName(), description(capture.interfaceName()),
                capture.filter().isEmpty() ? null : capture.filter(), os, capture.snaplen()));
    }

    /** The interface's description as libpcap lists it ("Pseudo-device that captures on all interfaces"), if any. */
    private static String description(String interfaceName) {
        try {
            return Libpcap.system().device(interfaceName).map(CaptureInterface::description).orElse(null);
        } catch (LibpcapUnavailableException | PcapException e) {
            return null; // the capture runs, so this cannot fail; the recording goes on without it
        }
    }

    /** Writes one packet, with its {@code opt_comment} when {@code comment} is not null. */
    void write(PacketRecord packet, String comment) throws IOException {
        if (writer != null) {
            writer.write(packet, comment);
        }
    }

    void flushIfDue() throws IOException {
        if (writer != null) {
            writer.flushIfDue();
        }
    }

    void close() throws IOException {
        if (writer != null) {
            files = writer.files();
            writer.close();
            writer = null;
        }
    }

    /** "; written to FILE" (or the ring's files) for the totals line, or nothing. */
    String describeFiles() {
        if (settings == null) {
            return "";
        }
        return files.size() <= 1 ? "; written to " + (files.isEmpty() ? settings.path() : files.getFirst())
                : "; written to " + files.size() + " files, " + files.getFirst() + " to " + files.getLast();
    }
}
