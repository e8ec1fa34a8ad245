package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.LaunchArg;
import dev.scanbench.harness.plan.StructLayout;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxParam;
import java.util.List;
import java.util.Map;

/**
 * Packs a launch's arguments per the entry's PTX parameter list: device pointers as 8 bytes, integers
 * truncated to the parameter's width, all little-endian, each at the next offset aligned to its
 * parameter's alignment (as the CUDA ABI lays out the parameter space).
 */
public final class ParamPacker {
    private ParamPacker() {
    }

    /**
     * @param entry    the entry being launched
     * @param args     the plan's arguments for it (already checked against the entry by the plan validator)
     * @param n        the problem size
     * @param pointers device addresses of {@code x}, {@code y} and each scratch buffer, by argument name
     * @throws IllegalArgumentException when the arguments do not match the entry: a plan that skipped validation
     */
    public static PackedParams pack(PtxEntry entry, List<LaunchArg> args, long n, Map<String, Long> pointers) {
        List<PtxParam> params = entry.params();
        if (params.size() != args.size()) {
            throw new IllegalArgumentException(entry.name() + " takes " + params.size() + " parameters, got " + args.size());
        }
        int[] offsets = new int[params.size()];
        int[] sizes = new int[params.size()];
        int end = 0;
        for (int i = 0; i < params.size(); i++) {
            PtxParam p = params.get(i);
            offsets[i] = align(end, p.alignment());
            sizes[i] = p.sizeBytes();
            end = offsets[i] + sizes[i];
        }
        byte[] buffer = new byte[end];
        for (int i = 0; i < params.size(); i++) {
            PtxParam p = params.get(i);
            LaunchArg a = args.get(i);
            if (a.isStruct()) {
                packStruct(buffer, offsets[i], p, a, n, pointers, entry);
                continue;
            }
            if (!p.isScalar() || !p.type().isInteger()) {
                throw new IllegalArgumentException(entry.name() + " parameter " + p.name() + " cannot be bound from a plan");
            }
            long value;
            if (a.isPointer()) {
                Long address = pointers.get(a.name());
                if (address == null || p.sizeBytes() != 8) {
                    throw new IllegalArgumentException("no 64-bit slot or no address for pointer argument " + a.name());
                }
                value = address;
            } else {
                value = a.integerValue(n);
                if (!p.type().holds(value)) {
                    throw new IllegalArgumentException(value + " does not fit " + p.render());
                }
            }
            putLittleEndian(buffer, offsets[i], sizes[i], value);
        }
        return new PackedParams(buffer, offsets, sizes);
    }

    /**
     * Packs raw integer values, one per parameter, for the harness's own kernels (which take no plan).
     *
     * @param entry  the entry being launched
     * @param values one per parameter: an address for a pointer, else the integer (truncated to the width)
     * @throws IllegalArgumentException when the count differs or a parameter is not an integer scalar
     */
    public static PackedParams packValues(PtxEntry entry, long... values) {
        List<PtxParam> params = entry.params();
        if (params.size() != values.length) {
            throw new IllegalArgumentException(entry.name() + " takes " + params.size() + " parameters, got " + values.length);
        }
        int[] offsets = new int[params.size()];
        int[] sizes = new int[params.size()];
        int end = 0;
        for (int i = 0; i < params.size(); i++) {
            PtxParam p = params.get(i);
            if (!p.isScalar() || !p.type().isInteger()) {
                throw new IllegalArgumentException(entry.name() + " parameter " + p.name() + " is not an integer scalar");
            }
            offsets[i] = align(end, p.alignment());
            sizes[i] = p.sizeBytes();
            end = offsets[i] + sizes[i];
        }
        byte[] buffer = new byte[end];
        for (int i = 0; i < values.length; i++) {
            putLittleEndian(buffer, offsets[i], sizes[i], values[i]);
        }
        return new PackedParams(buffer, offsets, sizes);
    }

    /** A by-value struct: each field at its C layout offset inside the parameter, the padding zero. */
    private static void packStruct(byte[] buffer, int base, PtxParam p, LaunchArg a, long n, Map<String, Long> pointers,
                                   PtxEntry entry) {
        StructLayout layout = StructLayout.of(a);
        if (p.isScalar() || layout.size() != p.sizeBytes() || layout.align() != p.alignment()) {
            throw new IllegalArgumentException(entry.name() + " parameter " + p.name() + " (" + p.render()
                    + ") does not take struct " + a.render() + " (" + layout.describe() + ")");
        }
        for (StructLayout.Leaf leaf : layout.fields()) {
            LaunchArg f = leaf.arg();
            long value;
            if (f.isPointer()) {
                Long address = pointers.get(f.name());
                if (address == null) {
                    throw new IllegalArgumentException("no address for pointer field " + f.name());
                }
                value = address;
            } else {
                value = f.integerValue(n);
            }
            putLittleEndian(buffer, base + leaf.offset(), leaf.size(), value);
        }
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private static void putLittleEndian(byte[] buffer, int offset, int size, long value) {
        for (int b = 0; b < size; b++) {
            buffer[offset + b] = (byte) (value >>> (8 * b));
        }
    }
}
