package dev.tapdeck.analysis;

import dev.tapdeck.decode.JsonLinesFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An alert as one JSON object, the same in {@code tapdeck analyze --json}, the API and the
 * stream: {@code id}, {@code detector}, {@code severity} (lower case), {@code time} (ISO-8601),
 * {@code message}, {@code numbers}, {@code hosts}, {@code ports}, {@code packets}.
 */
public final class AlertJson {
    private AlertJson() {}

    /** Appends the alert, with a leading {@code "type"} member when {@code type} is not null. */
    public static StringBuilder append(Alert alert, String type, StringBuilder out) {
        out.append('{');
        if (type != null) {
            JsonLinesFormat.appendString(type, out.append("\"type\":"));
            out.append(',');
        }
        out.append("\"id\":").append(alert.id()).append(",\"detector\":");
        JsonLinesFormat.appendString(alert.detector(), out);
        out.append(",\"severity\":\"").append(alert.severity().name().toLowerCase(Locale.ROOT))
                .append("\",\"time\":\"").append(alert.time()).append("\",\"message\":");
        JsonLinesFormat.appendString(alert.message(), out);
        out.append(",\"numbers\":{");
        String separator = "";
        for (Map.Entry<String, Double> number : alert.numbers().entrySet()) {
            JsonLinesFormat.appendString(number.getKey(), out.append(separator));
            out.append(':').append(number(number.getValue()));
            separator = ",";
        }
        out.append("},\"hosts\":[");
        separator = "";
        for (String host : alert.hosts()) {
            JsonLinesFormat.appendString(host, out.append(separator));
            separator = ",";
        }
        out.append("],\"ports\":").append(array(alert.ports()))
                .append(",\"packets\":").append(array(alert.packets()));
        return out.append('}');
    }

    /** Whole numbers without a fraction; JSON has no NaN or infinity (RFC 8259 §6): those become null. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String array(List<? extends Number> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
