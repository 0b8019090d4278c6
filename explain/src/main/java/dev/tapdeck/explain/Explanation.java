package dev.tapdeck.explain;

/**
 * An explanation of a packet or an alert.
 *
 * @param text   markdown: a title line, then sections
 * @param source {@value #OFFLINE} when written by Tapdeck itself, the model's name when a model
 *               wrote it, or {@code offline (model unavailable: <reason>)} when a configured model
 *               could not answer and the offline text stands in (the text says so too)
 */
public record Explanation(String text, String source) {
    public static final String OFFLINE = "offline";
}
