package dev.scanbench.report.html;

import java.util.Locale;

/** Escaping and number printing for the report; every piece of log text goes through {@link #text}. */
final class Html {
    private Html() {
    }

    /** @return {@code s} safe inside an element or a quoted attribute; null as an empty string */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return a path, escaped, that may break after each slash (so a long one wraps between its folders) */
    static String path(String s) {
        return text(s).replace("/", "/<wbr>");
    }

    /** @return a number with a fixed pattern, or an en dash for null or NaN */
    static String num(Double v, String pattern) {
        return v == null || !Double.isFinite(v) ? "\u2013" : String.format(Locale.ROOT, pattern, v);
    }

    /** @return a fraction as a signed percentage, e.g. {@code -3.10%} */
    static String signedPercent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f%%", 100 * v) : "\u2013";
    }
}
