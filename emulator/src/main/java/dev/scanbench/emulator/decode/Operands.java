package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.memory.AddressWindows;
import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import dev.scanbench.emulator.parse.FunctionAst;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import dev.scanbench.emulator.parse.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves operand names of one function: registers to lane bases, special registers to pre-filled slots,
 * symbols to state-space offsets or module-variable indices, labels to pcs.
 */
final class Operands {
    private final Map<String, Integer> valueRegs = new HashMap<>();
    private final Map<String, Integer> regSize = new HashMap<>();
    private final Map<String, Integer> predRegs = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    final List<Program.SpecialSlot> specials = new ArrayList<>();
    private final Map<String, Integer> specialSlots = new HashMap<>();
    /** Shared variable -> offset in the CTA's shared memory. */
    final Map<String, Long> shared = new HashMap<>();
    /** Local variable -> offset in the thread's local frame. */
    final Map<String, Long> local = new HashMap<>();
    /** Parameter -> offset in the parameter buffer. */
    final Map<String, Long> params = new HashMap<>();
    /** Module global / const variable -> index in the module's variable table. */
    final Map<String, Integer> moduleVars;
    final Map<String, Integer> labels;
    int staticShared;
    int dynamicAlign = 16;
    int localBytes;

    Operands(FunctionAst f, List<VarDecl> moduleVarList, Map<String, Integer> labels) throws UnsupportedPtxException {
        this.labels = labels;
        this.moduleVars = new HashMap<>();
        long sharedTop = 0;
        for (int i = 0; i < moduleVarList.size(); i++) {
            VarDecl v = moduleVarList.get(i);
            if (v.space().equals("shared")) {
                if (v.size() < 0) {
                    dynamicAlign = Math.max(dynamicAlign, v.align());
                    shared.put(v.name(), -1L); // fixed up below: dynamic shared starts after static
                } else {
                    sharedTop = align(sharedTop, v.align());
                    shared.put(v.name(), sharedTop);
                    sharedTop += v.size();
                }
            } else {
                moduleVars.put(v.name(), i);
            }
        }
        long localTop = 0;
        for (VarDecl v : f.locals()) {
            if (v.space().equals("shared")) {
                sharedTop = align(sharedTop, v.align());
                shared.put(v.name(), sharedTop);
                sharedTop += v.size();
            } else {
                localTop = align(localTop, v.align());
                local.put(v.name(), localTop);
                localTop += v.size();
            }
        }
        staticShared = (int) sharedTop;
        long dyn = align(sharedTop, dynamicAlign);
        shared.replaceAll((k, off) -> off < 0 ? dyn : off);
        localBytes = (int) align(localTop, 16);
        for (RegDecl r : f.regs()) {
            if (r.type().equals("pred")) {
                predRegs.put(r.name(), predRegs.size());
            } else {
                valueRegs.put(r.name(), names.size());
                regSize.put(r.name(), Types.sizeOf(r.type()));
                names.add(r.name());
            }
        }
    }

    static long align(long v, long a) {
        return a <= 1 ? v : (v + a - 1) / a * a;
    }

    int valueRegCount() {
        return names.size();
    }

    int predRegCount() {
        return predRegs.size();
    }

    String[] names() {
        return names.toArray(new String[0]);
    }

    /** Lane base of a value register or special register; -1 if the name is not one. */
    int valueBase(String name, Instruction at) throws UnsupportedPtxException {
        Integer idx = valueRegs.get(name);
        if (idx != null) {
            return idx * 32;
        }
        Special sp = Special.of(name);
        if (sp == null) {
            if (name.startsWith("%clock") || name.startsWith("%globaltimer")) {
                throw new UnsupportedPtxException(at.line(), at.text(), name + " used outside mov");
            }
            return -1;
        }
        Integer slot = specialSlots.get(name);
        if (slot == null) {
            slot = names.size();
            names.add(name);
            specialSlots.put(name, slot);
            int env = sp == Special.ENVREG ? Integer.parseInt(name.substring("%envreg".length())) : 0;
            specials.add(new Program.SpecialSlot(slot, sp, env));
        }
        return slot * 32;
    }

    /** Name of the hidden register that holds the carry flag (CC.CF) of {@code add.cc} / {@code addc}. */
    static final String CARRY_FLAG = "%cc";

    /** Lane base of the per-thread carry flag, a value register of its own made on first use. */
    int carryFlag() {
        Integer idx = valueRegs.get(CARRY_FLAG);
        if (idx == null) {
            idx = names.size();
            valueRegs.put(CARRY_FLAG, idx);
            regSize.put(CARRY_FLAG, 4);
            names.add(CARRY_FLAG);
        }
        return idx * 32;
    }

    int regSize(String name) {
        return regSize.getOrDefault(name, 4);
    }

    int pred(String name, Instruction at) throws UnsupportedPtxException {
        Integer idx = predRegs.get(name);
        if (idx == null) {
            throw new UnsupportedPtxException(at.line(), at.text(), "undeclared predicate " + name);
        }
        return idx;
    }

    boolean isPred(Operand o) {
        return o instanceof Operand.Reg r && predRegs.containsKey(r.name());
    }

    /** Reads a value source into insn slot k (0=a,1=b,2=c,3=e). */
    void source(Insn in, int k, Operand o, int type, Instruction at) throws UnsupportedPtxException {
        int base = -1;
        long imm = 0;
        if (o instanceof Operand.Reg r) {
            if (r.negated()) {
                throw new UnsupportedPtxException(at.line(), at.text(), "negated value operand");
            }
            base = valueBase(r.name(), at);
            if (base < 0) {
                throw new UnsupportedPtxException(at.line(), at.text(), "unknown register " + r.name());
            }
        } else if (o instanceof Operand.Imm i) {
            imm = immediate(i, type);
        } else if (o instanceof Operand.Sym s) {
            imm = symbolOffset(s.name(), at);
        } else {
            throw new UnsupportedPtxException(at.line(), at.text(), "operand " + o);
        }
        switch (k) {
            case 0 -> { in.a = base; in.ia = imm; }
            case 1 -> { in.b = base; in.ib = imm; }
            case 2 -> { in.c = base; in.ic = imm; }
            default -> { in.e = base; in.ie = imm; }
        }
    }

    /** Immediate bits for an operand of the given type: double literals become floats for f32. */
    static long immediate(Operand.Imm i, int type) {
        if ((type & Insn.FLOAT) != 0 && Insn.bytes(type) == 4 && i.kind() == Operand.ImmKind.F64) {
            return Float.floatToRawIntBits((float) Double.longBitsToDouble(i.bits())) & 0xFFFFFFFFL;
        }
        if ((type & Insn.FLOAT) != 0 && Insn.bytes(type) == 8 && i.kind() == Operand.ImmKind.F32) {
            return Double.doubleToRawLongBits(Float.intBitsToFloat((int) i.bits()));
        }
        return i.bits();
    }

    /** Offset of a shared / local / param symbol in its own state space. */
    long symbolOffset(String name, Instruction at) throws UnsupportedPtxException {
        Long off = shared.get(name);
        if (off == null) {
            off = local.get(name);
        }
        if (off == null) {
            off = params.get(name);
        }
        if (off == null) {
            throw new UnsupportedPtxException(at.line(), at.text(), "unknown symbol " + name);
        }
        return off;
    }

    /** Destination register base (value). */
    int dest(Operand o, Instruction at) throws UnsupportedPtxException {
        if (o instanceof Operand.Reg r) {
            Integer idx = valueRegs.get(r.name());
            if (idx != null) {
                return idx * 32;
            }
        }
        if (o instanceof Operand.Sink) {
            return -1;
        }
        throw new UnsupportedPtxException(at.line(), at.text(), "destination " + o + " is not a value register");
    }

    /** Fills the address fields (base register, offset, module symbol) of an {@code [addr]} operand. */
    void address(Insn in, int which, Operand o, int space, Instruction at) throws UnsupportedPtxException {
        if (!(o instanceof Operand.Addr adr)) {
            throw new UnsupportedPtxException(at.line(), at.text(), "expected an address operand");
        }
        int base = -1;
        long off = adr.offset();
        if (adr.base() != null) {
            String b = adr.base();
            if (b.startsWith("%") || valueRegs.containsKey(b)) {
                base = valueBase(b, at);
                if (base < 0) {
                    throw new UnsupportedPtxException(at.line(), at.text(), "unknown register " + b);
                }
            } else if (shared.containsKey(b)) {
                off += shared.get(b) + (space == Space.GENERIC ? AddressWindows.SHARED_BASE : 0);
            } else if (local.containsKey(b)) {
                off += local.get(b) + (space == Space.GENERIC ? AddressWindows.LOCAL_BASE : 0);
            } else if (params.containsKey(b)) {
                off += params.get(b) + (space == Space.GENERIC ? AddressWindows.PARAM_BASE : 0);
            } else if (moduleVars.containsKey(b) && which == 0) {
                in.sym = moduleVars.get(b);
            } else {
                throw new UnsupportedPtxException(at.line(), at.text(), "unknown address symbol " + b);
            }
        }
        switch (which) {
            case 0 -> { in.addr = base; in.off = off; }
            case 1 -> { in.addr2 = base; in.off2 = off; }
            default -> { in.addr3 = base; in.off3 = off; }
        }
    }

    int label(Operand o, Instruction at) throws UnsupportedPtxException {
        if (o instanceof Operand.Sym s && labels.containsKey(s.name())) {
            return labels.get(s.name());
        }
        throw new UnsupportedPtxException(at.line(), at.text(), "branch target is not a label: " + o);
    }
}
