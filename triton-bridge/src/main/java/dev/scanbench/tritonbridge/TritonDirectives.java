package dev.scanbench.tritonbridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code # @plan triton} directives of a Triton candidate, one per kernel:
 * <pre>
 *   # @plan triton &lt;kernel&gt; [num_warps=&lt;int&gt;] [num_stages=&lt;int&gt;] [signature=(&lt;type&gt;, ...)] [constexprs=(&lt;NAME&gt;=&lt;int&gt;, ...)]
 * </pre>
 * The other {@code @plan} directives (scratch, launch) are the harness's and are skipped here.
 */
public final class TritonDirectives {
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*@plan\\s+triton\\b");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SETTING = Pattern.compile("([A-Za-z_]+)=");
    private static final Pattern INTEGER = Pattern.compile("-?(0x[0-9A-Fa-f]+|[0-9]+)");
    private static final Pattern TYPE = Pattern.compile("\\*?(i1|i8|i16|i32|i64|u8|u16|u32|u64|fp16|bf16|fp32|fp64)");

    private TritonDirectives() {
    }

    /**
     * @param fileName the name used in messages
     * @param text     the candidate's source
     * @return one spec per directive, in file order
     * @throws TritonPlanException on a malformed directive or a kernel named twice (file:line:column)
     */
    public static List<KernelSpec> parse(String fileName, String text) throws TritonPlanException {
        List<KernelSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (m.find()) {
                KernelSpec spec = new LineParser(fileName, i + 1, lines[i].stripTrailing(), m.end()).parse();
                Integer earlier = seen.putIfAbsent(spec.name(), spec.line());
                if (earlier != null) {
                    throw new TritonPlanException(fileName + ":" + (i + 1) + ": kernel " + spec.name()
                            + " already has a '@plan triton' directive at line " + earlier);
                }
                out.add(spec);
            }
        }
        return out;
    }

    /** A cursor over one directive line. */
    private static final class LineParser {
        private final String file;
        private final int line;
        private final String text;
        private int pos;

        LineParser(String file, int line, String text, int pos) {
            this.file = file;
            this.line = line;
            this.text = text;
            this.pos = pos;
        }

        KernelSpec parse() throws TritonPlanException {
            skipSpaces();
            String name = expect(NAME, "a kernel name after '@plan triton'");
            int warps = TritonDefaults.NUM_WARPS;
            int stages = TritonDefaults.NUM_STAGES;
            List<String> signature = List.of();
            Map<String, Long> constexprs = new LinkedHashMap<>();
            List<String> given = new ArrayList<>();
            while (skipSpaces()) {
                int at = pos;
                String key = expect(SETTING, "a setting (num_warps=, num_stages=, signature=, constexprs=)");
                key = key.substring(0, key.length() - 1);
                if (given.contains(key)) {
                    throw error(at, key + " is given twice");
                }
                given.add(key);
                switch (key) {
                    case "num_warps" -> warps = bounded(at, key, 32, true);
                    case "num_stages" -> stages = bounded(at, key, 8, false);
                    case "signature" -> signature = types();
                    case "constexprs" -> constexprs = values();
                    default -> throw error(at, "unknown setting '" + key
                            + "' (expected num_warps, num_stages, signature or constexprs)");
                }
            }
            return new KernelSpec(name, signature, constexprs, warps, stages, line);
        }

        private int bounded(int at, String key, int max, boolean powerOfTwo) throws TritonPlanException {
            long v = number(at);
            if (v < 1 || v > max || (powerOfTwo && Long.bitCount(v) != 1)) {
                throw error(at, key + " must be " + (powerOfTwo ? "a power of two " : "") + "from 1 to " + max
                        + ", not " + v);
            }
            return (int) v;
        }

        private long number(int at) throws TritonPlanException {
            String s = expect(INTEGER, "an integer");
            boolean negative = s.startsWith("-");
            String digits = negative ? s.substring(1) : s;
            try {
                long v = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
                return negative ? -v : v;
            } catch (NumberFormatException e) {
                throw error(at, "integer out of range: " + s);
            }
        }

        private List<String> types() throws TritonPlanException {
            List<String> out = new ArrayList<>();
            open();
            do {
                skipSpaces();
                out.add(expect(TYPE, "a Triton type such as *i32, i32, *i64"));
                skipSpaces();
            } while (accept(','));
            close();
            return out;
        }

        private Map<String, Long> values() throws TritonPlanException {
            Map<String, Long> out = new LinkedHashMap<>();
            open();
            do {
                skipSpaces();
                int at = pos;
                String name = expect(NAME, "a constexpr name");
                skipSpaces();
                if (!accept('=')) {
                    throw error(pos, "expected '=' after " + name);
                }
                skipSpaces();
                if (out.put(name, number(pos)) != null) {
                    throw error(at, "constexpr " + name + " is given twice");
                }
                skipSpaces();
            } while (accept(','));
            close();
            return out;
        }

        private void open() throws TritonPlanException {
            if (!accept('(')) {
                throw error(pos, "expected '('");
            }
        }

        private void close() throws TritonPlanException {
            if (!accept(')')) {
                throw error(pos, "expected ',' or ')'");
            }
        }

        private boolean accept(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Skips blanks; false at the end of the line. */
        private boolean skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length();
        }

        private String expect(Pattern p, String what) throws TritonPlanException {
            Matcher m = p.matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                String found = pos < text.length() ? "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'"
                        : "the end of the line";
                throw error(pos, "expected " + what + ", found " + found);
            }
            pos = m.end();
            return m.group();
        }

        private TritonPlanException error(int at, String message) {
            return new TritonPlanException(file + ":" + line + ":" + (at + 1) + ": " + message);
        }
    }
}
