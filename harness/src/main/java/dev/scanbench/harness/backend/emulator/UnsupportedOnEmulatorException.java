package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.UnsupportedInstruction;
import java.util.List;

/**
 * The candidate uses instructions the emulator cannot run: a limit of this environment, not the candidate's
 * fault (on a GPU it runs). Carries every such instruction with its PTX and source line.
 */
public final class UnsupportedOnEmulatorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<UnsupportedInstruction> instructions;

    /**
     * @param kernel       the kernel file, for the message
     * @param instructions every instruction the emulator cannot run, at least one
     */
    public UnsupportedOnEmulatorException(String kernel, List<UnsupportedInstruction> instructions) {
        super(message(kernel, instructions));
        this.instructions = List.copyOf(instructions);
    }

    /** Every instruction the emulator cannot run, in module order. */
    public List<UnsupportedInstruction> instructions() {
        return instructions;
    }

    private static String message(String kernel, List<UnsupportedInstruction> list) {
        StringBuilder sb = new StringBuilder(kernel).append(": the PTX emulator cannot run ").append(list.size())
                .append(list.size() == 1 ? " instruction" : " instructions").append(" of this kernel (a limit of the"
                + " emulator, not a fault of the kernel; on a GPU it runs: --backend cuda):");
        list.forEach(u -> sb.append("\n  ").append(u));
        return sb.toString();
    }
}
