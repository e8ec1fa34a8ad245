package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.EmulatorException;
import dev.scanbench.emulator.PtxSyntaxException;
import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import dev.scanbench.emulator.parse.ParseState.Body;
import dev.scanbench.emulator.parse.ParseState.Scope;
import java.util.ArrayList;
import java.util.List;

/** Parses declarations for {@link PtxParser}: variables with initialisers, kernel parameters, registers. */
final class DeclarationParser {
    private final PtxParser p;

    DeclarationParser(PtxParser p) {
        this.p = p;
    }

    /** Parses a variable declaration after its state-space word; consumes the terminating ';'. */
    VarDecl variable(Token spaceTok, boolean external) throws EmulatorException {
        String space = spaceTok.text().substring(1);
        int align = 0;
        int vec = 1;
        String type = null;
        while (p.peek().kind() == Token.Kind.WORD && p.peek().text().startsWith(".")) {
            String w = p.next().text();
            if (w.equals(".align")) {
                align = Integer.parseInt(p.next().text());
            } else if (w.equals(".v2") || w.equals(".v4")) {
                vec = w.charAt(2) - '0';
            } else {
                type = w.substring(1);
            }
        }
        if (type == null) {
            throw new PtxSyntaxException(spaceTok.line(), "variable declaration without a type");
        }
        int elem = Types.sizeOf(type, spaceTok.line(), p.line(spaceTok.line())) * vec;
        String name = p.expectWord().text();
        long count = 1;
        boolean dynamic = false;
        while (p.accept("[")) {
            if (p.accept("]")) {
                dynamic = true;
            } else {
                count *= PtxParser.parseLong(p.next());
                p.expect("]");
            }
        }
        byte[] init = null;
        if (p.accept("=")) {
            init = initializer(type, elem, count, spaceTok.line());
        }
        p.expect(";");
        if (align == 0) {
            align = elem;
        }
        long size = dynamic && external ? -1 : elem * count;
        return new VarDecl(space, name, align, size, init, spaceTok.line());
    }
    byte[] initializer(String type, int elem, long count, int line) throws EmulatorException {
        List<Long> values = new ArrayList<>();
        collectInit(values, line);
        byte[] out = new byte[(int) (elem * count)];
        int esize = Types.sizeOf(type, line, p.line(line));
        for (int i = 0; i < values.size() && (long) (i + 1) * esize <= out.length; i++) {
            long v = values.get(i);
            for (int b = 0; b < esize; b++) {
                out[i * esize + b] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }
    void collectInit(List<Long> values, int line) throws EmulatorException {
        if (p.accept("{")) {
            do {
                collectInit(values, line);
            } while (p.accept(","));
            p.expect("}");
            return;
        }
        Object o = p.operand(new Scope(null), new ArrayList<>());
        if (!(o instanceof Operand.Imm imm)) {
            throw new UnsupportedPtxException(line, p.line(line), "initializer that is not a constant");
        }
        values.add(imm.bits());
    }
    ParamDecl param() throws EmulatorException {
        Token kw = p.expectWord();
        if (!kw.text().equals(".param") && !kw.text().equals(".reg")) {
            throw new PtxSyntaxException(kw.line(), "expected .param, found " + kw);
        }
        int align = 0;
        String type = null;
        boolean pointer = false;
        while (p.peek().kind() == Token.Kind.WORD && p.peek().text().startsWith(".")) {
            String w = p.next().text();
            if (w.equals(".align")) {
                int value = Integer.parseInt(p.next().text());
                // After .ptr, .align is the alignment of the memory pointed to (Triton writes
                // `.param .u64 .ptr .global .align 1 p`); the parameter itself keeps its natural alignment.
                if (!pointer) {
                    align = value;
                }
            } else if (w.equals(".ptr")) {
                pointer = true;
            } else if (!w.equals(".global") && !w.equals(".shared") && !w.equals(".const")
                    && !w.equals(".local")) {
                type = w.substring(1);
            }
        }
        if (type == null) {
            throw new PtxSyntaxException(kw.line(), "parameter without a type");
        }
        String name = p.expectWord().text();
        long count = 1;
        while (p.accept("[")) {
            count *= PtxParser.parseLong(p.next());
            p.expect("]");
        }
        int elem = Types.sizeOf(type, kw.line(), p.line(kw.line()));
        return new ParamDecl(name, type, (int) (elem * count), align == 0 ? elem : align, kw.line());
    }
    void regDecl(Scope scope, Body body, Token kw) throws EmulatorException {
        String type = null;
        while (p.peek().kind() == Token.Kind.WORD && p.peek().text().startsWith(".")) {
            String w = p.next().text();
            if (w.equals(".v2") || w.equals(".v4")) {
                throw new UnsupportedPtxException(kw.line(), p.line(kw.line()), "vector register declaration");
            }
            type = w.substring(1);
        }
        if (type == null) {
            throw new PtxSyntaxException(kw.line(), ".reg without a type");
        }
        Types.sizeOf(type, kw.line(), p.line(kw.line())); // rejects .f16 and friends here, with the line
        do {
            String name = p.expectWord().text();
            if (p.accept("<")) {
                int n = (int) PtxParser.parseLong(p.next());
                p.expect(">");
                for (int i = 0; i < n; i++) {
                    body.regs.add(new RegDecl(scope.defineReg(name + i, p), type));
                }
            } else {
                body.regs.add(new RegDecl(scope.defineReg(name, p), type));
            }
        } while (p.accept(","));
        p.expect(";");
    }
}
