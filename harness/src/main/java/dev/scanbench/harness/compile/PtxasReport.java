package dev.scanbench.harness.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the per-entry resource usage from ptxas {@code -v} output, which looks like:
 * <pre>
 * ptxas info    : Compiling entry function '_Z4scanPKiPii' for 'sm_90a'
 * ptxas info    : Function properties for _Z4scanPKiPii
 *     0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
 * ptxas info    : Used 10 registers, used 1 barriers, 1024 bytes smem
 * </pre>
 * The "Used" line omits figures that are zero, so each is optional.
 */
final class PtxasReport {
    private static final Pattern ENTRY = Pattern.compile("Compiling entry function '([^']+)'");
    private static final Pattern FRAME = Pattern.compile(
            "(\\d+) bytes stack frame, (\\d+) bytes spill stores, (\\d+) bytes spill loads");
    private static final Pattern USED = Pattern.compile("Used (\\d+) registers");
    private static final Pattern BARRIERS = Pattern.compile("used (\\d+) barriers");
    private static final Pattern SMEM = Pattern.compile("(\\d+) bytes smem");

    private PtxasReport() {
    }

    /** Resource usage per entry name, in the order ptxas compiled them. */
    static Map<String, ResourceUsage> parse(String output) {
        Map<String, ResourceUsage> out = new LinkedHashMap<>();
        String entry = null;
        int[] frame = new int[3];
        for (String line : output.split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (m.find()) {
                entry = m.group(1);
                frame = new int[3];
                continue;
            }
            if (entry == null) {
                continue;
            }
            m = FRAME.matcher(line);
            if (m.find()) {
                frame = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
                continue;
            }
            m = USED.matcher(line);
            if (m.find()) {
                out.put(entry, new ResourceUsage(Integer.parseInt(m.group(1)), frame[1], frame[2],
                        find(SMEM, line), frame[0], find(BARRIERS, line)));
                entry = null;
            }
        }
        return out;
    }

    private static int find(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
