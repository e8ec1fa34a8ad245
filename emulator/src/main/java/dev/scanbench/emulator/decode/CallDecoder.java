package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.CallInliner;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.Set;

/**
 * What is left of {@code call} once {@link CallInliner} has inlined the device functions: the {@code vprintf}
 * instruction it makes of device-side printf, the fault it leaves where recursion passes its depth limit, and
 * the calls it cannot inline (through a register, or to an external function), which are refused here.
 */
final class CallDecoder {
    private CallDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        if (at.opcode().equals("vprintf")) {
            // vprintf %ret, %fmt, %args: a format pointer and the argument buffer's address (both generic)
            in.op = Op.VPRINTF;
            in.d = ops.dest(Decoder.operand(at, 0), at);
            ops.source(in, 0, Decoder.operand(at, 1), 8, at);
            ops.source(in, 1, Decoder.operand(at, 2), 8, at);
            return;
        }
        if (at.has("depth_limit")) {
            String name = ((Operand.Sym) Decoder.operand(at, 0)).name();
            in.op = Op.TRAP;
            in.fault = "call depth limit exceeded: calling " + name + " " + (CallInliner.DEPTH_LIMIT + 1)
                    + " frames deep (the emulator runs at most " + CallInliner.DEPTH_LIMIT
                    + " nested device-function calls; a GPU would overflow the thread's stack)";
            return;
        }
        OpcodeTable.allow(at, Set.of("uni"));
        Operand target = Decoder.operand(at, 1);
        if (target instanceof Operand.Sym s) {
            throw new UnsupportedPtxException(at.line(), at.text(), "call to external function " + s.name()
                    + " (only device functions defined in the module, and vprintf, can be called)");
        }
        throw new UnsupportedPtxException(at.line(), at.text(), "indirect call (call through a register)");
    }
}
