package dev.tapdeck.serve;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Display filters as the API and the stream take them, and their errors as both report them. */
final class DisplayFilters {
    private DisplayFilters() {}

    /**
     * The filter {@code text} names, or null when it names none (absent or blank): every packet
     * passes, and none needs decoding for it.
     */
    static DisplayFilter compile(String text) throws FilterException {
        return text == null || text.isBlank() ? null : DisplayFilter.compile(text);
    }

    /**
     * A field as {@code GET /api/fields} lists it for the filter bar's completion: name, type
     * (as {@code tshark -G fields} names it), label, protocol, description, and value names
     * where it has them ({@code {"6":"TCP"}}).
     */
    static Map<String, Object> field(FieldDef field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("type", field.type().wiresharkName());
        json.put("label", field.label());
        json.put("protocol", field.protocol());
        json.put("description", field.description());
        if (!field.valueNames().isEmpty()) {
            Map<String, String> names = new TreeMap<>(Comparator.comparingLong(Long::parseLong));
            field.valueNames().forEach((value, name) -> names.put(Long.toString(value), name));
            json.put("values", names);
        }
        return json;
    }

    /**
     * The body of a {@code 400} and of the stream's {@code filter-error}: tshark's message as
     * {@code error}, the message with the filter and a caret under the fault as {@code detail},
     * and where the fault is ({@code position}, 0-based, -1 when it has none, and {@code length}).
     */
    static Map<String, Object> error(FilterException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("detail", e.formatted());
        body.put("filter", e.filter());
        body.put("position", e.position());
        body.put("length", e.length());
        return body;
    }
}
