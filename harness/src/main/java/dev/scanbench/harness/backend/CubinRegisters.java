package dev.scanbench.harness.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Registers per thread of each kernel in an sm_90 cubin, as ptxas allocated them: the EIATTR_REGCOUNT attributes
 * of the ELF's {@code .nv.info} section, each naming its kernel by symbol index. These set a kernel's occupancy
 * (with its shared memory and block size). A malformed image yields what could be read, never an exception.
 */
public final class CubinRegisters {
    private static final int EIATTR_REGCOUNT = 0x2f;
    private static final int SHT_SYMTAB = 2;
    private static final int ELF_SYMBOL_BYTES = 24;

    private CubinRegisters() {
    }

    /** Registers per thread by kernel (symbol) name; empty when the image is not a 64-bit ELF. */
    public static Map<String, Integer> read(byte[] image) {
        Map<String, Integer> out = new HashMap<>();
        try {
            ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            if (image.length < 64 || image[0] != 0x7f || image[1] != 'E' || image[4] != 2) {
                return out;
            }
            long shoff = b.getLong(40);
            int shentsize = Short.toUnsignedInt(b.getShort(58));
            int shnum = Short.toUnsignedInt(b.getShort(60));
            int shstrndx = Short.toUnsignedInt(b.getShort(62));
            if (shentsize < 64 || shstrndx >= shnum) {
                return out;
            }
            long[][] sections = new long[shnum][];
            for (int i = 0; i < shnum; i++) {
                int h = Math.toIntExact(shoff + (long) i * shentsize);
                // name, type, offset, size, link
                sections[i] = new long[] {Integer.toUnsignedLong(b.getInt(h)), Integer.toUnsignedLong(b.getInt(h + 4)),
                        b.getLong(h + 24), b.getLong(h + 32), Integer.toUnsignedLong(b.getInt(h + 40))};
            }
            int symtab = -1;
            int info = -1;
            for (int i = 0; i < shnum; i++) {
                if (sections[i][1] == SHT_SYMTAB) {
                    symtab = i;
                }
                if (".nv.info".equals(string(image, sections[shstrndx], sections[i][0]))) {
                    info = i;
                }
            }
            if (symtab < 0 || info < 0) {
                return out;
            }
            long[] symbols = sections[symtab];
            long[] strings = sections[(int) symbols[4]];
            int p = Math.toIntExact(sections[info][2]);
            int end = Math.toIntExact(sections[info][2] + sections[info][3]);
            while (p + 4 <= end) {
                int format = image[p] & 0xff;
                int attribute = image[p + 1] & 0xff;
                if (format == 4) {
                    int length = Short.toUnsignedInt(b.getShort(p + 2));
                    if (attribute == EIATTR_REGCOUNT && length == 8 && p + 12 <= end) {
                        long index = Integer.toUnsignedLong(b.getInt(p + 4));
                        long at = symbols[2] + index * ELF_SYMBOL_BYTES;
                        if (at + ELF_SYMBOL_BYTES <= symbols[2] + symbols[3]) {
                            String name = string(image, strings, Integer.toUnsignedLong(b.getInt((int) at)));
                            if (name != null) {
                                out.put(name, b.getInt(p + 8));
                            }
                        }
                    }
                    p += 4 + length;
                } else if (format == 1) {
                    p += 2;
                } else {
                    p += 4;
                }
            }
        } catch (RuntimeException e) {
            // a truncated or odd image: keep what was read
        }
        return out;
    }

    private static String string(byte[] image, long[] table, long offset) {
        long start = table[2] + offset;
        if (offset >= table[3] || start >= image.length) {
            return null;
        }
        int s = (int) start;
        int e = s;
        while (e < image.length && image[e] != 0) {
            e++;
        }
        return e < image.length ? new String(image, s, e - s, StandardCharsets.ISO_8859_1) : null;
    }
}
