package dev.scanbench.report.format;

import dev.scanbench.report.board.Row;
import java.util.Locale;
import java.util.function.Function;

/**
 * One column of a leaderboard table: its heading, its JSON/CSV key, and how to read and print its value.
 *
 * @param heading for text and markdown
 * @param key     for JSON and CSV
 * @param value   the row's value: a String, Number, Boolean or null
 * @param pattern how a number is printed in text (a {@link String#format} pattern), or null for plain
 * @param numeric whether the column holds numbers (right-aligned in markdown)
 */
record Column(String heading, String key, Function<Row, Object> value, String pattern, boolean numeric) {

    /** @return the value as text: numbers with the pattern, a hash to 12 digits, null as "-" */
    String text(Row row) {
        Object v = value.apply(row);
        if ("hash".equals(key) && v != null) {
            return v.toString().substring(0, Math.min(12, v.toString().length()));
        }
        if (v == null) {
            return "-";
        }
        if (v instanceof Number number && pattern != null) {
            return String.format(Locale.ROOT, pattern, number.doubleValue());
        }
        return v.toString();
    }
}
