package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/**
 * {@code left OP right} over every pair of values. Wireshark 4.0: {@code ==} and the orderings
 * hold when any pair satisfies them, {@code !=} when every pair differs, {@code ===} when every
 * pair is equal, {@code !==} when any pair differs ({@code any}/{@code all} before a comparison
 * choose for themselves). Either side without a value makes it false, {@code !=} too.
 */
final class Comparison extends Condition {
    enum Relation {
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

        boolean holds(int order) {
            return switch (this) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }
    }

    private final Operand left;
    private final Operand right;
    private final Relation relation;
    private final boolean everyPair;
    private final Family family;
    private final int prefix;

    Comparison(Operand left, Relation relation, boolean everyPair, Operand right) {
        this.left = left;
        this.right = right;
        this.relation = relation;
        this.everyPair = everyPair;
        this.family = Family.of(left.type);
        this.prefix = right instanceof Constant c ? c.prefix : Constant.WHOLE;
    }

    @Override
    boolean holds(FieldSource packet) {
        FieldValues a = left.load(packet);
        if (a.isEmpty()) {
            return false;
        }
        FieldValues b = right.load(packet);
        if (b.isEmpty()) {
            return false;
        }
        for (int i = 0, n = a.count(); i < n; i++) {
            for (int j = 0, m = b.count(); j < m; j++) {
                boolean holds = relation.holds(family.compare(a, i, left.signed, b, j, right.signed, prefix));
                if (holds != everyPair) {
                    return holds;
                }
            }
        }
        return everyPair;
    }
}
