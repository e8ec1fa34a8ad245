package dev.scanbench.harness.ptx;

import java.util.List;

/**
 * A kernel entry point ({@code .entry}) of a PTX module.
 *
 * @param name    the entry's PTX name (mangled for C++ kernels not declared {@code extern "C"})
 * @param params  its parameters in order
 * @param maxntid the {@code .maxntid} bound on the block shape (1-3 values), empty when not declared
 * @param reqntid the {@code .reqntid} required block shape (1-3 values), empty when not declared
 * @param line    the 1-based PTX line of the {@code .entry} directive
 */
public record PtxEntry(String name, List<PtxParam> params, List<Long> maxntid, List<Long> reqntid, int line) {

    public PtxEntry {
        params = List.copyOf(params);
        maxntid = List.copyOf(maxntid);
        reqntid = List.copyOf(reqntid);
    }

    /**
     * The source-level name: for an Itanium-mangled free function ({@code _Z4scanPKiPii}) the identifier
     * after the length ({@code scan}); otherwise the name itself.
     */
    public String simpleName() {
        if (!name.startsWith("_Z") || name.length() < 3 || !Character.isDigit(name.charAt(2))) {
            return name;
        }
        int i = 2;
        while (i < name.length() && Character.isDigit(name.charAt(i))) {
            i++;
        }
        if (i - 2 > 6) {
            return name;
        }
        int length = Integer.parseInt(name.substring(2, i));
        return i + length <= name.length() ? name.substring(i, i + length) : name;
    }
}
