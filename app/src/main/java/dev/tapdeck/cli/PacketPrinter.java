package dev.tapdeck.cli;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Utf8Builder;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.filter.DisplayFilter;

import java.io.IOException;

/**
 * How {@code read} and {@code capture} print a decoded packet: one line of text, of JSON, or
 * of {@code -T fields} columns. A printer reads the packet through its {@link PacketFields},
 * which decoded it once for the display filter and the printer both. Not thread-safe: one
 * printer per thread.
 */
interface PacketPrinter {

    void print(PacketFields packet, LineOutput out) throws IOException;

    /** JSON Lines with Wireshark field names. */
    static PacketPrinter json() {
        return new Json();
    }

    /** tshark's packet list. */
    static PacketPrinter text() {
        return new Text();
    }

    /** The packets that {@code filter} passes, printed by {@code printer}; the others not at all. */
    static PacketPrinter filtered(DisplayFilter filter, PacketPrinter printer) {
        return (packet, out) -> {
            if (filter.matches(packet)) {
                printer.print(packet, out);
            }
        };
    }

    final class Json implements PacketPrinter {
        private final JsonLinesFormat format = new JsonLinesFormat();
        private final Utf8Builder line = new Utf8Builder(1024);

        @Override
        public void print(PacketFields packet, LineOutput out) throws IOException {
            format.append(packet.frameNumber(), packet.record(), packet.dissection(), packet.streamFacts(), packet.process(), line.clear());
            out.writeLine(line);
        }
    }

    /** tshark's default packet list: number, seconds since the first packet, addresses, protocol, length, info. */
    final class Text implements PacketPrinter {
        private final StringBuilder line = new StringBuilder(256);

        @Override
        public void print(PacketFields packet, LineOutput out) throws IOException {
            long number = packet.frameNumber();
            Dissection d = packet.dissection();
            line.setLength(0);
            pad(digits(number), 6);
            line.append(number).append(' ');
            appendRelativeTime(packet);
            line.append(' ');
            PacketSummary.appendSource(d, line);
            line.append(" → ");
            PacketSummary.appendDestination(d, line);
            line.append(' ');
            PacketSummary.appendProtocol(d, packet.streamFacts(), line);
            line.append(' ').append(packet.record().originalLength()).append(' ');
            PacketSummary.appendInfo(d, packet.streamFacts(), line);
            out.writeLine(line);
        }

        private void appendRelativeTime(PacketFields packet) {
            if (!packet.record().hasTimestamp()) {
                line.append("           -");
                return;
            }
            long micros = packet.relativeNanos() / 1000;
            long seconds = Math.floorDiv(micros, 1_000_000);
            int fraction = (int) Math.floorMod(micros, 1_000_000);
            pad(digits(seconds) + 7, 12);
            line.append(seconds).append('.');
            for (int divisor = 100_000; divisor > 0; divisor /= 10) {
                line.append((char) ('0' + fraction / divisor % 10));
            }
        }

        private static int digits(long value) {
            int digits = 1;
            for (long rest = value; rest >= 10; rest /= 10) {
                digits++;
            }
            return digits;
        }

        private void pad(int length, int width) {
            for (int i = length; i < width; i++) {
                line.append(' ');
            }
        }
    }
}
