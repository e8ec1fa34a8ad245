package dev.scanbench.harness.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A candidate's compiler flags, from {@code @plan flags} lines, checked against an allow-list:
 * {@code -rdc=true}, {@code -maxrregcount=N} (16 to 255) and {@code -D NAME[=VALUE]} (also {@code -DNAME=VALUE}).
 * They are passed to nvcc ({@code -maxrregcount} to ptxas as well, which assembles the module) and are part of the
 * compile-cache key. Anything else is a plan error naming the line and column.
 *
 * @param nvcc  flags for nvcc, in the order written
 * @param ptxas flags for ptxas
 */
public record PlanFlags(List<String> nvcc, List<String> ptxas) {
    private static final Pattern DIRECTIVE = Pattern.compile("@plan\\s+flags\\b");
    private static final Pattern MAXRREG = Pattern.compile("-maxrregcount=(\\d{1,3})");
    private static final Pattern DEFINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(=[A-Za-z0-9_.+\\-]*)?");
    /** What the allow-list takes, for messages. */
    public static final String ALLOWED = "-rdc=true, -maxrregcount=N (16 to 255), -D NAME=VALUE";

    public PlanFlags {
        nvcc = List.copyOf(nvcc);
        ptxas = List.copyOf(ptxas);
    }

    /** No flags. */
    public static PlanFlags none() {
        return new PlanFlags(List.of(), List.of());
    }

    /** True when no flag is given. */
    public boolean isEmpty() {
        return nvcc.isEmpty();
    }

    /**
     * The flags of every {@code @plan flags} line of a kernel's text.
     *
     * @throws PlanException for a flag outside the allow-list, naming file:line:column
     */
    public static PlanFlags parse(String fileName, String text, CommentStyle style) throws PlanException {
        List<String> nvcc = new ArrayList<>();
        List<String> ptxas = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (!trimmed.startsWith(style.marker())) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(line);
            int at = line.indexOf(style.marker()) + style.marker().length();
            while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (!m.region(at, line.length()).lookingAt()) {
                continue;
            }
            PlanFlags one = parseLine(fileName, i + 1, line, at + "@plan".length(), style);
            for (String f : one.nvcc) {
                if (f.startsWith("-maxrregcount=") && nvcc.stream().anyMatch(g -> g.startsWith("-maxrregcount="))) {
                    throw new PlanException(new SourcePos(fileName, i + 1, at + 1), "-maxrregcount is given twice");
                }
                nvcc.add(f);
            }
            ptxas.addAll(one.ptxas);
        }
        return new PlanFlags(nvcc, ptxas);
    }

    /** The flags of one {@code @plan flags} line; {@code start} indexes the text after {@code @plan}. */
    static PlanFlags parseLine(String fileName, int lineNumber, String line, int start, CommentStyle style)
            throws PlanException {
        if (style == CommentStyle.HASH) {
            throw new PlanException(new SourcePos(fileName, lineNumber, start + 1),
                    "'@plan flags' belongs in .cu candidates (a Triton kernel's settings go on its '@plan triton' line)");
        }
        int i = line.indexOf("flags", start) + "flags".length();
        List<String> nvcc = new ArrayList<>();
        List<String> ptxas = new ArrayList<>();
        while (true) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            int end = i;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            String word = line.substring(i, end);
            SourcePos pos = new SourcePos(fileName, lineNumber, i + 1);
            Matcher reg = MAXRREG.matcher(word);
            if (word.equals("-rdc=true")) {
                nvcc.add(word);
            } else if (reg.matches()) {
                int n = Integer.parseInt(reg.group(1));
                if (n < 16 || n > 255) {
                    throw new PlanException(pos, "-maxrregcount=" + n + " is out of range (16 to 255)");
                }
                nvcc.add(word);
                ptxas.add(word);
            } else if (word.equals("-D") || word.startsWith("-D")) {
                String def = word.substring(2);
                if (def.isEmpty()) {
                    int s = end;
                    while (s < line.length() && Character.isWhitespace(line.charAt(s))) {
                        s++;
                    }
                    end = s;
                    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                        end++;
                    }
                    def = line.substring(s, end);
                }
                if (!DEFINE.matcher(def).matches()) {
                    throw new PlanException(pos, "'-D " + def + "' is not NAME or NAME=VALUE (NAME an identifier,"
                            + " VALUE letters, digits and _ . + -)");
                }
                nvcc.add("-D" + def);
            } else {
                throw new PlanException(pos, "flag '" + word + "' is not allowed; a plan may give " + ALLOWED);
            }
            i = end;
        }
        if (nvcc.isEmpty()) {
            throw new PlanException(new SourcePos(fileName, lineNumber, start + 1), "'@plan flags' gives no flag;"
                    + " allowed: " + ALLOWED);
        }
        return new PlanFlags(nvcc, ptxas);
    }
}
