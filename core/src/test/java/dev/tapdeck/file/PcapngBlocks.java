package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks of a little-endian pcapng file with the options of its section header and
 * interface descriptions, which {@link PcapngReader} skips: read here on their own, as the
 * draft lays them out, to check what the writers put there.
 */
final class PcapngBlocks {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int ENHANCED_PACKET = 6;

    /** One block: its type, its body between the length fields, its options by code. */
    record Block(int type, ByteBuffer body, Map<Integer, byte[]> options) {
        /** An option's value as UTF-8 text, or null when the block has no such option. */
        String text(int code) {
            byte[] value = options.get(code);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        int linkType() {
            return Short.toUnsignedInt(body.getShort(0));
        }

        int snaplen() {
            return body.getInt(4);
        }
    }

    private PcapngBlocks() {
    }

    static List<Block> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    static List<Block> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        int start = 0;
        while (start < file.length) {
            int type = in.getInt(start);
            int length = in.getInt(start + 4);
            assertThat(in.getInt(start + length - 4)).as("trailing length of the block at %d", start).isEqualTo(length);
            ByteBuffer body = in.slice(start + 8, length - 12).order(ByteOrder.LITTLE_ENDIAN);
            // Options follow the fixed fields: magic, version and section length; link type, reserved and snaplen.
            int optionsAt = switch (type) {
                case SECTION_HEADER -> 16;
                case INTERFACE_DESCRIPTION -> 8;
                default -> body.limit();
            };
            blocks.add(new Block(type, body, options(body, optionsAt)));
            start += length;
        }
        return blocks;
    }

    static List<Block> ofType(List<Block> blocks, int type) {
        return blocks.stream().filter(block -> block.type() == type).toList();
    }

    private static Map<Integer, byte[]> options(ByteBuffer body, int at) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        while (at + 4 <= body.limit()) {
            int code = Short.toUnsignedInt(body.getShort(at));
            int length = Short.toUnsignedInt(body.getShort(at + 2));
            if (code == 0) {
                break;
            }
            byte[] value = new byte[length];
            body.get(at + 4, value);
            assertThat(options.put(code, value)).as("option %d given twice", code).isNull();
            at += 4 + length + (-length & 3);
        }
        return options;
    }
}
