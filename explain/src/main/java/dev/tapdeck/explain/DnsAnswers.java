package dev.tapdeck.explain;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.PacketSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer section of a DNS response (RFC 1035 §4.1.3), read for an explanation: the
 * decoder stops at the questions. Reads stay inside the captured bytes; a record that does not
 * fit ends the list.
 */
final class DnsAnswers {
    private static final int MAX_ANSWERS = 16;

    private DnsAnswers() {
    }

    /** Answers as {@code A 93.184.216.34}, {@code CNAME www.example.com}; at most {@value #MAX_ANSWERS}. */
    static List<String> read(DnsMessage dns, byte[] bytes, int end) {
        List<String> answers = new ArrayList<>();
        int message = dns.offset();
        int at = message + 12;
        for (int q = 0; q < dns.questionCount(); q++) {
            at = dns.nameEnd(at);
            if (at < 0 || at + 4 > end) {
                return answers;
            }
            at += 4;
        }
        for (int a = 0; a < Math.min(dns.answerCount(), MAX_ANSWERS); a++) {
            at = dns.nameEnd(at);
            if (at < 0 || at + 10 > end) {
                return answers;
            }
            int type = u16(bytes, at);
            int length = u16(bytes, at + 8);
            int data = at + 10;
            if (data + length > end) {
                return answers;
            }
            String typeName = PacketSummary.recordTypeName(type);
            StringBuilder answer = new StringBuilder(typeName).append(' ');
            switch (type) {
                case 1 -> {
                    if (length != 4) {
                        return answers;
                    }
                    Addresses.appendIpv4(u16(bytes, data) << 16 | u16(bytes, data + 2), answer);
                }
                case 28 -> {
                    if (length != 16) {
                        return answers;
                    }
                    Addresses.appendIpv6(bytes, data, answer);
                }
                case 2, 5, 12 -> dns.appendName(data, answer);
                default -> answer.append("(").append(length).append(" bytes)");
            }
            answers.add(answer.toString());
            at = data + length;
        }
        return answers;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }
}
