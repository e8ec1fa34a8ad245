package dev.scanbench.harness.ptx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The launchable interface of a PTX module: its {@code .entry} points and their {@code .param} lists.
 * Read from nvcc, Triton or hand-written PTX; bodies are skipped by brace depth, so only top-level
 * declarations count.
 *
 * @param entries the entries defined (with a body) in the module, in file order
 */
public record PtxSignature(List<PtxEntry> entries) {

    public PtxSignature {
        entries = List.copyOf(entries);
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

    /** The entry names, comma separated, for messages. */
    public String describeEntries() {
        if (entries.isEmpty()) {
            return "(the module defines no .entry)";
        }
        return entries.stream().map(e -> e.simpleName().equals(e.name()) ? e.name()
                : e.name() + " (" + e.simpleName() + ")").collect(Collectors.joining(", "));
    }
}
