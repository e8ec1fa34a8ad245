package dev.scanbench.harness.ptx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The launchable interface of a PTX module: its {@code .entry} points and their {@code .param} lists.
 * Read from nvcc, Triton or hand-written PTX; bodies are skipped by brace depth, so only top-level
 * declarations count.
 *
 * @param entries the entries defined (with a body) in the module, in file order
 */
public record PtxSignature(List<PtxEntry> entries, Map<String, String> demangled) {

    public PtxSignature {
        entries = List.copyOf(entries);
        demangled = Map.copyOf(demangled);
    }

    /** A signature without demangled names. */
    public PtxSignature(List<PtxEntry> entries) {
        this(entries, Map.of());
    }

    /** The same entries with their demangled names (mangled name to {@code c++filt}'s spelling). */
    public PtxSignature withDemangled(Map<String, String> names) {
        return new PtxSignature(entries, names);
    }

    /** The demangled name of an entry, if known and different from its PTX name. */
    public Optional<String> demangledName(String entry) {
        String d = demangled.get(entry);
        return d == null || d.equals(entry) ? Optional.empty() : Optional.of(d);
    }

    /**
     * Reads the entries of a PTX module.
     *
     * @throws PtxFormatException if an entry header is malformed (names the PTX line)
     */
    public static PtxSignature parse(String ptx) throws PtxFormatException {
        List<PtxToken> tokens = PtxLexer.tokens(ptx);
        List<PtxEntry> entries = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}")) {
                depth--;
            } else if (depth == 0 && t.equals(".entry")) {
                EntryHeaderReader reader = new EntryHeaderReader(tokens, i + 1);
                PtxEntry entry = reader.read();
                // An .extern .entry is a declaration of another module's kernel, not something to launch here.
                if (reader.hasBody() && !(i > 0 && tokens.get(i - 1).text().equals(".extern"))) {
                    entries.add(entry);
                }
                i = reader.position() - 1;
            }
        }
        return new PtxSignature(entries);
    }

    /**
     * Finds the entry a plan names: the exact PTX name, else the single entry whose {@link PtxEntry#simpleName()}
     * matches (so a plan may say {@code scan} for nvcc's {@code _Z4scanPKiPii}).
     */
    public Optional<PtxEntry> resolve(String planName) {
        for (PtxEntry e : entries) {
            if (e.name().equals(planName)) {
                return Optional.of(e);
            }
        }
        List<PtxEntry> bySimpleName = entries.stream().filter(e -> e.simpleName().equals(planName))
                .collect(Collectors.toList());
        return bySimpleName.size() == 1 ? Optional.of(bySimpleName.get(0)) : Optional.empty();
    }

    /** The entry names, comma separated, for messages (with the demangled name where known). */
    public String describeEntries() {
        if (entries.isEmpty()) {
            return "(the module defines no .entry)";
        }
        return entries.stream().map(this::describe).collect(Collectors.joining(", "));
    }

    /** One entry for messages: its PTX name, and its demangled (else simple) name in parentheses. */
    public String describe(PtxEntry e) {
        Optional<String> d = demangledName(e.name());
        if (d.isPresent()) {
            return e.name() + " (" + d.get() + ")";
        }
        return e.simpleName().equals(e.name()) ? e.name() : e.name() + " (" + e.simpleName() + ")";
    }

    /**
     * The entries whose demangled name a plan's name matches: the name with its return type and parameter list
     * dropped, compared without white space, from its start or from just after any {@code ::} outside template
     * arguments, equal to or beginning with the plan's name (the full demangled signature also matches exactly).
     */
    public List<PtxEntry> matchDemangled(String planName) {
        String want = planName.replaceAll("\\s+", "");
        List<PtxEntry> exact = new ArrayList<>();
        List<PtxEntry> prefix = new ArrayList<>();
        for (PtxEntry e : entries) {
            Optional<String> d = demangledName(e.name());
            if (d.isEmpty() || want.isEmpty()) {
                continue;
            }
            String full = stripReturnType(d.get().replaceAll("\\s+(?=[^\\s])", " ")).replaceAll("\\s+", "");
            String qualified = stripParameters(full);
            boolean isExact = false;
            boolean isPrefix = false;
            for (int start : boundaries(qualified)) {
                String tail = qualified.substring(start);
                isExact |= tail.equals(want) || full.substring(start).equals(want);
                isPrefix |= tail.startsWith(want);
            }
            if (isExact) {
                exact.add(e);
            } else if (isPrefix) {
                prefix.add(e);
            }
        }
        return exact.isEmpty() ? prefix : exact;
    }

    /** "void ns::f<...>(int)" to "ns::f<...>(int)": drops a return type written before the name. */
    private static String stripReturnType(String d) {
        int depth = 0;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ' ' && depth == 0) {
                return d.substring(i + 1);
            }
        }
        return d;
    }

    /** "ns::f<...>(int)" to "ns::f<...>". */
    private static String stripParameters(String d) {
        if (!d.endsWith(")")) {
            return d;
        }
        int depth = 0;
        for (int i = d.length() - 1; i >= 0; i--) {
            char c = d.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return d.substring(0, i);
            }
        }
        return d;
    }

    /** 0 and every index just after a "::" outside template arguments and parentheses. */
    private static List<Integer> boundaries(String q) {
        List<Integer> out = new ArrayList<>(List.of(0));
        int depth = 0;
        for (int i = 0; i + 1 < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (depth == 0 && c == ':' && q.charAt(i + 1) == ':') {
                out.add(i + 2);
                i++;
            }
        }
        return out;
    }
}
