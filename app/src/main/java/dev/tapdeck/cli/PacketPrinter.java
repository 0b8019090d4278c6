package dev.tapdeck.cli;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Utf8Builder;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;

/** How {@code read} and {@code capture} print a decoded packet: one line of text or of JSON. */
interface PacketPrinter {

    void print(long number, PacketRecord packet, Dissection d, LineOutput out) throws IOException;

    /** JSON Lines with Wireshark field names. */
    static PacketPrinter json() {
        return new Json();
    }

    /** tshark's packet list. */
    static PacketPrinter text() {
        return new Text(new FirstTime());
    }

    /** tshark's packet list, its times relative to {@code first}, which printers on several threads share. */
    static PacketPrinter text(FirstTime first) {
        return new Text(first);
    }

    /**
     * The time of the first packet that has one: the zero of the packet list's relative times.
     * Printers on worker threads share one, which the reading thread offers every packet
     * before a worker prints it.
     */
    final class FirstTime {
        private volatile long nanos = Long.MIN_VALUE;

        void offer(PacketRecord packet) {
            if (nanos == Long.MIN_VALUE && packet.hasTimestamp()) {
                nanos = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
            }
        }
    }


    final class Json implements PacketPrinter {
        private final JsonLinesFormat format = new JsonLinesFormat();
        private final Utf8Builder line = new Utf8Builder(1024);

        @Override
        public void print(long number, PacketRecord packet, Dissection d, LineOutput out) throws IOException {
            format.append(number, packet, d, line.clear());
            out.writeLine(line);
        }
    }

    /** tshark's default packet list: number, seconds since the first packet, addresses, protocol, length, info. */
    final class Text implements PacketPrinter {
        private final StringBuilder line = new StringBuilder(256);
        private final FirstTime first;

        Text(FirstTime first) {
            this.first = first;
        }

        @Override
        public void print(long number, PacketRecord packet, Dissection d, LineOutput out) throws IOException {
            line.setLength(0);
            pad(digits(number), 6);
            line.append(number).append(' ');
            appendRelativeTime(packet);
            line.append(' ');
            PacketSummary.appendSource(d, line);
            line.append(" → ");
            PacketSummary.appendDestination(d, line);
            line.append(' ');
            PacketSummary.appendProtocol(d, line);
            line.append(' ').append(packet.originalLength()).append(' ');
            PacketSummary.appendInfo(d, line);
            out.writeLine(line);
        }

        private void appendRelativeTime(PacketRecord packet) {
            if (!packet.hasTimestamp()) {
                line.append("           -");
                return;
            }
            first.offer(packet);
            long nanos = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
            long micros = (nanos - first.nanos) / 1000;
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
