package dev.tapdeck.filter;

/**
 * One token of a display filter: its kind, the text as written, and where it stands.
 * {@code value} is what a string or character constant means once its escapes are read
 * (the text between the quotes); for other tokens it is the text itself.
 */
record Token(Kind kind, String text, String value, int position, int length) {

    enum Kind {
        LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, DOTDOT, DOLLAR, HASH,
        /** A number inside {@code #} (a layer) or a {@code [..]} range node: the text between the separators. */
        RANGE_NODE,
        ANY_EQ, ALL_NE, ALL_EQ, ANY_NE, GT, GE, LT, LE, CONTAINS, MATCHES, IN,
        NOT, AND, OR, ANY, ALL,
        PLUS, MINUS, STAR, SLASH, PERCENT, BITWISE_AND,
        /** {@code "..."} or {@code r"..."}. */
        STRING,
        /** {@code 'a'}, {@code '\n'}, {@code '\x41'}. */
        CHARCONST,
        /** A field name, a function name or an unquoted literal; which one is decided later. */
        WORD,
        /** A word written with a leading dot ({@code .tcp}): a field and nothing else. */
        FIELD_WORD,
        END;

        boolean isComparison() {
            return this == ANY_EQ || this == ALL_NE || this == ALL_EQ || this == ANY_NE
                    || this == GT || this == GE || this == LT || this == LE;
        }
    }
}
