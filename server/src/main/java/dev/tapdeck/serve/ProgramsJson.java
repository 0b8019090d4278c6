package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.tapdeck.analysis.ProgramTraffic;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.analysis.process.ProcessJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Programs as the API shows them: on a flow, and the traffic of each in {@code GET /api/processes}. */
final class ProgramsJson {
    private ProgramsJson() {
    }

    /** The whole program ({@link ProcessJson}), for a {@code Map} that Jackson writes. */
    static RawValue whole(ProcessInfo process) {
        return new RawValue(ProcessJson.append(process, true, new StringBuilder(128)).toString());
    }

    /**
     * {@code GET /api/processes}: the programs with the most bytes over the flows held now,
     * each with its flows, packets, bytes and rate (bytes per second over its flows' span), and
     * how many flows were attributed and left unattributed.
     */
    static Map<String, Object> programs(List<ProgramTraffic> programs, long attributedFlows, long unattributedFlows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attributedFlows", attributedFlows);
        json.put("unattributedFlows", unattributedFlows);
        json.put("processes", programs.stream().map(program -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("process", whole(program.process()));
            entry.put("flows", program.flows());
            entry.put("packets", program.packets());
            entry.put("bytes", program.bytes());
            entry.put("bytesPerSecond", program.bytesPerSecond());
            entry.put("firstSeen", program.firstSeenNanos() / 1e9);
            entry.put("lastSeen", program.lastSeenNanos() / 1e9);
            return entry;
        }).toList());
        return json;
    }
}
