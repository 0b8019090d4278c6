package dev.tapdeck.generate;

/**
 * Writes the IMF-fixdate of RFC 9110 §5.6.7 ("Sun, 06 Nov 1994 08:49:37 GMT") for an epoch
 * second, without the allocation of java.time formatting on the per-response path.
 */
final class HttpDate {
    static final int LENGTH = 29;
    private static final byte[][] DAYS = Ascii.bytesOf("Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"); // 1970-01-01 was a Thursday
    private static final byte[][] MONTHS = Ascii.bytesOf("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final byte[] GMT = Ascii.bytes(" GMT");

    private HttpDate() {}

    /** @return the offset after the date */
    static int put(byte[] into, int offset, long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86_400);
        int secondOfDay = Math.floorMod(epochSeconds, 86_400);
        // Days to proleptic Gregorian civil date: H. Hinnant, "chrono-compatible low-level date
        // algorithms", civil_from_days.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        int o = Ascii.put(into, offset, DAYS[Math.floorMod(days, 7)]);
        into[o++] = ',';
        into[o++] = ' ';
        o = Ascii.putTwoDigits(into, o, day);
        into[o++] = ' ';
        o = Ascii.put(into, o, MONTHS[month - 1]);
        into[o++] = ' ';
        o = Ascii.putDecimal(into, o, year);
        into[o++] = ' ';
        o = Ascii.putTwoDigits(into, o, secondOfDay / 3600);
        into[o++] = ':';
        o = Ascii.putTwoDigits(into, o, secondOfDay / 60 % 60);
        into[o++] = ':';
        o = Ascii.putTwoDigits(into, o, secondOfDay % 60);
        return Ascii.put(into, o, GMT);
    }
}
