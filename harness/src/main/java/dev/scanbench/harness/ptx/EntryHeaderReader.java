package dev.scanbench.harness.ptx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one entry header, from the name after {@code .entry} through its parameter list and performance
 * directives ({@code .maxntid}, {@code .reqntid}, ...) up to the body's {@code {} or a terminating {@code ;}.
 */
final class EntryHeaderReader {
    private final List<PtxToken> tokens;
    private int pos;
    private boolean body;

    EntryHeaderReader(List<PtxToken> tokens, int start) {
        this.tokens = tokens;
        this.pos = start;
    }

    int position() {
        return pos;
    }

    boolean hasBody() {
        return body;
    }

    PtxEntry read() throws PtxFormatException {
        PtxToken name = next("an entry name after .entry");
        if (!name.isName()) {
            throw new PtxFormatException(name.line(), "expected an entry name after .entry, found '" + name.text() + "'");
        }
        List<PtxParam> params = new ArrayList<>();
        if (peekIs("(")) {
            pos++;
            if (!peekIs(")")) {
                params.add(param());
                while (peekIs(",")) {
                    pos++;
                    params.add(param());
                }
            }
            expect(")", "to close the parameter list of " + name.text());
        }
        List<Long> maxntid = new ArrayList<>();
        List<Long> reqntid = new ArrayList<>();
        while (pos < tokens.size() && !peekIs("{") && !peekIs(";")) {
            PtxToken directive = next("a performance directive or the body");
            if (directive.text().equals(".maxntid")) {
                numbers(maxntid);
            } else if (directive.text().equals(".reqntid")) {
                numbers(reqntid);
            }
        }
        body = peekIs("{");
        return new PtxEntry(name.text(), params, maxntid, reqntid, name.line());
    }

    private PtxParam param() throws PtxFormatException {
        PtxToken start = expect(".param", "to start a kernel parameter");
        PtxType type = null;
        int align = 0;
        boolean pointer = false;
        PtxToken t = next("a parameter type");
        while (t.isDirective()) {
            Optional<PtxType> asType = PtxType.of(t.text());
            if (asType.isPresent()) {
                type = asType.get();
            } else if (t.text().equals(".align")) {
                // After ".ptr" (Triton writes ".u64 .ptr .global .align 1"), .align is the alignment of the
                // memory pointed to, not of the parameter, which keeps its natural 8.
                long n = number();
                align = pointer ? align : (int) n;
            } else if (t.text().equals(".ptr")) {
                pointer = true;
            } else if (!List.of(".global", ".const", ".local", ".shared").contains(t.text())) {
                throw new PtxFormatException(t.line(), "unexpected '" + t.text() + "' in a kernel parameter");
            }
            t = next("a parameter name");
        }
        if (type == null) {
            throw new PtxFormatException(start.line(), "kernel parameter without a type");
        }
        if (!t.isName()) {
            throw new PtxFormatException(t.line(), "expected a parameter name, found '" + t.text() + "'");
        }
        int length = 0;
        if (peekIs("[")) {
            pos++;
            length = (int) number();
            expect("]", "after the array size of " + t.text());
        }
        return new PtxParam(t.text(), type, align, length, t.line());
    }

    private void numbers(List<Long> into) throws PtxFormatException {
        into.add(number());
        while (peekIs(",")) {
            pos++;
            into.add(number());
        }
    }

    private long number() throws PtxFormatException {
        PtxToken t = next("a number");
        try {
            return Long.decode(t.text());
        } catch (NumberFormatException e) {
            throw new PtxFormatException(t.line(), "expected a number, found '" + t.text() + "'");
        }
    }

    private boolean peekIs(String text) {
        return pos < tokens.size() && tokens.get(pos).text().equals(text);
    }

    private PtxToken expect(String text, String why) throws PtxFormatException {
        PtxToken t = next("'" + text + "' " + why);
        if (!t.text().equals(text)) {
            throw new PtxFormatException(t.line(), "expected '" + text + "' " + why + ", found '" + t.text() + "'");
        }
        return t;
    }

    private PtxToken next(String what) throws PtxFormatException {
        if (pos >= tokens.size()) {
            int line = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
            throw new PtxFormatException(line, "unexpected end of PTX, expected " + what);
        }
        return tokens.get(pos++);
    }
}
