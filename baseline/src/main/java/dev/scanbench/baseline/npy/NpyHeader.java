package dev.scanbench.baseline.npy;

import dev.scanbench.baseline.npy.NpyFormatException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser of the header dict of a {@code .npy} file, e.g. {@code {'descr': '<i4', 'fortran_order': False,
 * 'shape': (3,), }}: the Python-literal subset numpy writes (quoted strings, True/False, tuples of integers),
 * and the checks that make it a 1-D little-endian int32 array.
 */
final class NpyHeader {

    private final Path file;
    private final String text;
    private int pos;

    private NpyHeader(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * Parses and validates a header.
     *
     * @return the number of elements
     */
    static long elementCount(Path file, String text) throws NpyFormatException {
        NpyHeader parser = new NpyHeader(file, text);
        Map<String, Object> dict = parser.parseDict();
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw parser.malformed("header keys are " + dict.keySet()
                    + ", expected exactly descr, fortran_order and shape");
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw parser.malformed("descr is not a string");
        }
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw parser.malformed("fortran_order is not True or False");
        }
        if (!(dict.get("shape") instanceof List<?> shape)) {
            throw parser.malformed("shape is not a tuple");
        }
        checkDtype(file, descr);
        if (shape.size() != 1) {
            // fortran_order is irrelevant for one dimension, where both orders are the same layout.
            throw new NpyFormatException(file, Problem.NOT_ONE_DIMENSIONAL,
                    "shape " + pythonTuple(shape) + " has " + shape.size() + " dimensions, a 1-D array is required");
        }
        long n = (Long) shape.get(0);
        if (n > Integer.MAX_VALUE) {
            throw new NpyFormatException(file, Problem.TOO_LONG,
                    "length " + n + " exceeds the largest Java array (" + Integer.MAX_VALUE + " elements)");
        }
        return n;
    }

    private static void checkDtype(Path file, String descr) throws NpyFormatException {
        if (descr.equals("<i4")) {
            return;
        }
        if (descr.equals(">i4")) {
            throw new NpyFormatException(file, Problem.BIG_ENDIAN,
                    "dtype '>i4' is big-endian int32; little-endian int32 ('<i4') is required");
        }
        throw new NpyFormatException(file, Problem.WRONG_DTYPE,
                "dtype '" + descr + "' is not supported; int32 ('<i4') is required");
    }

    private static String pythonTuple(List<?> shape) {
        StringBuilder b = new StringBuilder("(");
        for (Object d : shape) {
            b.append(d).append(shape.size() == 1 ? "," : ", ");
        }
        if (shape.size() > 1) {
            b.setLength(b.length() - 2);
        }
        return b.append(')').toString();
    }

    private Map<String, Object> parseDict() throws NpyFormatException {
        Map<String, Object> dict = new LinkedHashMap<>();
        expect('{');
        while (!peekIs('}')) {
            String key = parseString();
            expect(':');
            Object value = parseValue();
            if (dict.put(key, value) != null) {
                throw malformed("duplicate key '" + key + "'");
            }
            if (!peekIs('}')) {
                expect(',');
            }
        }
        expect('}');
        skipSpace();
        if (pos != text.length()) {
            throw malformed("unexpected text after the dict");
        }
        return dict;
    }

    private Object parseValue() throws NpyFormatException {
        skipSpace();
        if (pos >= text.length()) {
            throw malformed("value expected");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return parseString();
        }
        if (c == '(') {
            return parseTuple();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw malformed("unexpected value");
    }

    private List<Long> parseTuple() throws NpyFormatException {
        expect('(');
        List<Long> items = new ArrayList<>();
        while (!peekIs(')')) {
            items.add(parseLong());
            if (!peekIs(')')) {
                expect(',');
            }
        }
        expect(')');
        return items;
    }

    private long parseLong() throws NpyFormatException {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw malformed("dimension expected");
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw malformed("dimension " + text.substring(start, pos) + " is too large");
        }
    }

    private String parseString() throws NpyFormatException {
        skipSpace();
        char quote = pos < text.length() ? text.charAt(pos) : 0;
        if (quote != '\'' && quote != '"') {
            throw malformed("quoted string expected");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw malformed("unterminated string");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private boolean peekIs(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws NpyFormatException {
        if (!peekIs(c)) {
            throw malformed("'" + c + "' expected");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private NpyFormatException malformed(String what) {
        return new NpyFormatException(file, Problem.MALFORMED_HEADER,
                "malformed header dict at offset " + pos + ": " + what + " in " + text.strip());
    }
}
