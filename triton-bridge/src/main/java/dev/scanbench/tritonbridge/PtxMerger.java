package dev.scanbench.tritonbridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins Triton's one-kernel PTX modules into one module, so a candidate of several kernels is loaded (and
 * assembled, and emulated) as one module like a CUDA candidate.
 * <p>
 * Each module carries its own DWARF sections, whose labels would collide, and numbers its {@code .file}s
 * itself. The merge therefore drops the {@code .section} blocks, renumbers {@code .file}/{@code .loc} to one
 * table, rewrites inlined {@code .loc}s (which name labels in the dropped sections) to their call site, and
 * keeps one copy of identical module-level declarations (every Triton kernel declares
 * {@code .extern .shared global_smem[]}). Line information survives for diagnostics; DWARF for debuggers
 * does not.
 */
final class PtxMerger {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\.(version|target|address_size)\\b.*");
    private static final Pattern FILE = Pattern.compile("^\\s*\\.file\\s+(\\d+)\\s+(\"[^\"]*\")(.*)$");
    private static final Pattern LOC = Pattern.compile("^(\\s*\\.loc\\s+)(\\d+)(\\s+\\d+\\s+\\d+)(.*)$");
    private static final Pattern INLINED = Pattern.compile(",\\s*function_name\\s+\\S+,\\s*inlined_at\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern DECLARATION = Pattern.compile("^\\s*\\.(extern|global|const|shared)\\b.*?([A-Za-z_$][\\w$]*)\\s*(\\[[^]]*])?\\s*(=.*)?;.*$");

    private PtxMerger() {
    }

    /**
     * @param sourceFile the candidate, for messages
     * @param modules    Triton PTX modules, at least one
     * @return one module with every entry of every input
     * @throws TritonException when the headers differ or a module-level symbol is declared differently twice
     */
    static String merge(String sourceFile, List<String> modules) throws TritonException {
        List<String> header = new ArrayList<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        Map<String, String> declarations = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (int m = 0; m < modules.size(); m++) {
            List<String> lines = modules.get(m).lines().toList();
            List<String> own = new ArrayList<>();
            Map<Integer, Integer> fileMap = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher f = FILE.matcher(line);
                if (f.matches()) {
                    int global = files.computeIfAbsent(f.group(2), k -> files.size() + 1);
                    fileMap.put(Integer.parseInt(f.group(1)), global);
                } else if (HEADER.matcher(line).matches()) {
                    own.add(line.strip().replaceAll("\\s+", " ").replaceAll("\\s*//.*", ""));
                }
            }
            if (m == 0) {
                header.addAll(own);
            } else if (!header.equals(own)) {
                throw new TritonException(sourceFile + ": the kernels' PTX headers differ (" + header + " vs " + own
                        + "); they cannot be loaded as one module");
            }
            appendBody(sourceFile, lines, fileMap, declarations, body);
        }
        // ptxas refuses a non-ASCII character anywhere, comments included.
        StringBuilder out = new StringBuilder("//\n// Triton kernels of ").append(sourceFile.replaceAll("[^\\x20-\\x7E]", "?"))
                .append(", merged into one module by the workbench\n//\n\n");
        header.forEach(h -> out.append(h).append('\n'));
        out.append('\n').append(body);
        files.forEach((name, index) -> out.append("\t.file\t").append(index).append(' ').append(name).append('\n'));
        return out.toString();
    }

    private static void appendBody(String sourceFile, List<String> lines, Map<Integer, Integer> fileMap,
                                   Map<String, String> declarations, StringBuilder body) throws TritonException {
        int depth = 0;
        boolean inSection = false;
        boolean opened = false;
        int sectionDepth = 0;
        for (String line : lines) {
            String code = stripComment(line);
            int opens = count(code, '{');
            int closes = count(code, '}');
            if (!inSection && depth == 0 && code.strip().startsWith(".section")) {
                inSection = true;
                opened = false;
                sectionDepth = 0;
            }
            if (inSection) {
                // DWARF: dropped whole, from ".section" to its closing brace (which may be on a later line).
                sectionDepth += opens - closes;
                opened |= opens > 0;
                inSection = !opened || sectionDepth > 0;
                continue;
            }
            if (HEADER.matcher(line).matches() || FILE.matcher(line).matches()) {
                continue;
            }
            Matcher decl = DECLARATION.matcher(code);
            if (depth == 0 && decl.matches()) {
                String name = decl.group(2);
                String earlier = declarations.putIfAbsent(name, code.strip());
                if (earlier != null) {
                    if (!earlier.equals(code.strip())) {
                        throw new TritonException(sourceFile + ": two kernels declare module symbol '" + name
                                + "' differently:\n    " + earlier + "\n    " + code.strip());
                    }
                    continue;
                }
            }
            body.append(relocate(line, fileMap)).append('\n');
            depth += opens - closes;
        }
    }

    /** A {@code .loc} with its file renumbered; an inlined one becomes its call site. */
    private static String relocate(String line, Map<Integer, Integer> fileMap) {
        Matcher loc = LOC.matcher(line);
        if (!loc.matches()) {
            return line;
        }
        Matcher inl = INLINED.matcher(loc.group(4));
        if (inl.find()) {
            return loc.group(1) + renumber(fileMap, inl.group(1)) + " " + inl.group(2) + " " + inl.group(3);
        }
        return loc.group(1) + renumber(fileMap, loc.group(2)) + loc.group(3) + loc.group(4);
    }

    private static int renumber(Map<Integer, Integer> fileMap, String local) {
        Integer global = fileMap.get(Integer.parseInt(local));
        return global == null ? Integer.parseInt(local) : global;
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
