package dev.scanbench.harness.backend.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scanbench.emulator.Emulator;
import dev.scanbench.emulator.PtxSyntaxException;
import dev.scanbench.emulator.UnsupportedInstruction;
import java.util.List;

/**
 * What of a compiled candidate the emulator can run, found before anything runs: {@code compile} lists every
 * instruction it cannot, {@code verify}, {@code run} and {@code score} on the emulator refuse the candidate as an
 * environment limit instead of failing it one opcode at a time.
 */
public final class EmulatorSupport {
    private EmulatorSupport() {
    }

    /**
     * Every instruction of the PTX the emulator cannot run (empty when it runs all of them).
     *
     * @param ptx the candidate's PTX, as compiled
     */
    public static List<UnsupportedInstruction> unsupported(String ptx) {
        try {
            return Emulator.unsupported(ptx);
        } catch (PtxSyntaxException e) {
            // ptxas accepted this PTX, so the emulator's parser is the one at fault: a limit, reported as one.
            return List.of(new UnsupportedInstruction(null, 0, null, "", "PTX the emulator cannot parse: "
                    + e.getMessage()));
        }
    }

    /**
     * @param kernel the kernel file, for the message
     * @throws UnsupportedOnEmulatorException when the emulator cannot run some of the PTX
     */
    public static void require(String kernel, String ptx) throws UnsupportedOnEmulatorException {
        List<UnsupportedInstruction> found = unsupported(ptx);
        if (!found.isEmpty()) {
            throw new UnsupportedOnEmulatorException(kernel, found);
        }
    }

    /** The list as JSON: {@code [{"entry", "ptx_line", "source", "text", "why"}]}. */
    public static ArrayNode toJson(List<UnsupportedInstruction> list) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (UnsupportedInstruction u : list) {
            a.addObject().put("entry", u.entry()).put("ptx_line", u.ptxLine()).put("source", u.source())
                    .put("text", u.text()).put("why", u.why());
        }
        return a;
    }
}
