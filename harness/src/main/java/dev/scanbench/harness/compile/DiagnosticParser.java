package dev.scanbench.harness.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts located messages from the three formats the CUDA toolchain prints:
 * the front end's {@code file(12): error: ...}, the host preprocessor's {@code file:12:10: fatal error: ...}
 * and ptxas's {@code ptxas file, line 12; error   : ...}. Run on output whose paths are already mapped.
 */
final class DiagnosticParser {
    private static final Pattern FRONT_END = Pattern.compile(
            "^(.+?)\\((\\d+)\\): (error|warning|remark)(?: #[\\w-]+)?: (.*)$");
    private static final Pattern PREPROCESSOR = Pattern.compile(
            "^(.+?):(\\d+):(?:\\d+:)? (fatal error|error|warning): (.*)$");
    private static final Pattern PTXAS = Pattern.compile(
            "^ptxas (.+?), line (\\d+); (error|warning|fatal)\\s*: (.*)$");

    // ptxas reports some failures (unresolved externs, too much shared data) without a line.
    private static final Pattern PTXAS_UNLOCATED = Pattern.compile("^ptxas (error|fatal)\\s*: (.*)$");

    private DiagnosticParser() {
    }

    /**
     * @param output      compiler output with paths mapped to the user's file
     * @param defaultFile the file to attribute unlocated ptxas errors to
     */
    static List<Diagnostic> parse(String output, String defaultFile) {
        List<Diagnostic> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher unlocated = PTXAS_UNLOCATED.matcher(line.stripTrailing());
            if (unlocated.matches()) {
                out.add(new Diagnostic(defaultFile, 0, unlocated.group(1), unlocated.group(2)));
                continue;
            }
            for (Pattern p : List.of(FRONT_END, PTXAS, PREPROCESSOR)) {
                Matcher m = p.matcher(line.stripTrailing());
                if (m.matches()) {
                    out.add(new Diagnostic(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
                    break;
                }
            }
        }
        return out;
    }
}
