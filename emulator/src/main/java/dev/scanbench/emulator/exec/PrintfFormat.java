package dev.scanbench.emulator.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * One C printf conversion ({@code %d %i %u %x %X %o %c %s %p %f %F %e %E %g %G %a %%}) with its flags
 * ({@code - + space # 0}), width and precision, as glibc prints it.
 */
final class PrintfFormat {
    private PrintfFormat() {
    }

    static String conversion(char conv, String flags, int width, int prec, int size, Vprintf.Args args, String spec) {
        boolean left = flags.indexOf('-') >= 0;
        boolean zero = flags.indexOf('0') >= 0 && !left;
        String body;
        String sign = "";
        switch (conv) {
            case '%' -> {
                return "%";
            }
            case 'd', 'i' -> {
                long v = args.next(size);
                if (size == 4) {
                    v = (int) v;
                }
                sign = v < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
                body = digits(v < 0 ? Long.toUnsignedString(-v) : Long.toString(v), prec);
                zero &= prec < 0;
            }
            case 'u', 'x', 'X', 'o' -> {
                long v = args.next(size);
                if (size == 4) {
                    v &= 0xFFFFFFFFL;
                }
                String d = switch (conv) {
                    case 'u' -> Long.toUnsignedString(v);
                    case 'o' -> Long.toOctalString(v);
                    case 'x' -> Long.toHexString(v);
                    default -> Long.toHexString(v).toUpperCase(Locale.ROOT);
                };
                body = digits(d, prec);
                if (flags.indexOf('#') >= 0 && v != 0) {
                    sign = conv == 'x' ? "0x" : conv == 'X' ? "0X" : "";
                    if (conv == 'o' && !body.startsWith("0")) {
                        body = "0" + body;
                    }
                }
                zero &= prec < 0;
            }
            case 'c' -> {
                body = String.valueOf((char) (args.next(4) & 0xFF));
                zero = false;
            }
            case 's' -> {
                String s = args.string(args.next(8));
                body = prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
                zero = false;
            }
            case 'p' -> {
                long v = args.next(8);
                body = v == 0 ? "(nil)" : "0x" + Long.toHexString(v);
                zero = false;
            }
            case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A' -> {
                double v = Double.longBitsToDouble(args.next(8));
                boolean neg = v < 0 || v == 0 && 1 / v < 0;
                sign = neg ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
                double a = Math.abs(v);
                boolean upper = Character.isUpperCase(conv);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    body = Double.isNaN(v) ? "nan" : "inf";
                    body = upper ? body.toUpperCase(Locale.ROOT) : body;
                    zero = false;
                } else {
                    body = floating(Character.toLowerCase(conv), a, prec < 0 ? 6 : prec, flags.indexOf('#') >= 0);
                    body = upper ? body.toUpperCase(Locale.ROOT) : body;
                }
            }
            default -> {
                return spec; // an unknown conversion is printed as written, consuming nothing
            }
        }
        int pad = width - sign.length() - body.length();
        if (pad <= 0) {
            return sign + body;
        }
        if (left) {
            return sign + body + " ".repeat(pad);
        }
        return zero ? sign + "0".repeat(pad) + body : " ".repeat(pad) + sign + body;
    }

    /** Integer digits with a precision (minimum digit count; precision 0 prints nothing for 0). */
    private static String digits(String d, int prec) {
        if (prec == 0 && d.equals("0")) {
            return "";
        }
        return prec > d.length() ? "0".repeat(prec - d.length()) + d : d;
    }

    private static String floating(char conv, double a, int prec, boolean alt) {
        switch (conv) {
            case 'f' -> {
                String s = new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
                return alt && prec == 0 ? s + "." : s;
            }
            case 'e' -> {
                return exponent(a, prec, alt);
            }
            case 'a' -> {
                return String.format(Locale.ROOT, "%a", a).replace("0x1.0p", "0x1p");
            }
            default -> {
                int p = prec == 0 ? 1 : prec;
                int x = a == 0 ? 0 : new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN)).precision()
                        - new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN)).scale() - 1;
                String s = p > x && x >= -4 ? floating('f', a, p - 1 - x, alt) : exponent(a, p - 1, alt);
                if (!alt) {
                    s = stripZeros(s);
                }
                return s;
            }
        }
    }

    private static String exponent(double a, int prec, boolean alt) {
        String s;
        if (a == 0) {
            s = (prec > 0 ? "0." + "0".repeat(prec) : "0") + "e+00";
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            int x = r.precision() - r.scale() - 1;
            String digits = r.unscaledValue().abs().toString();
            digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
            s = digits.charAt(0) + (prec > 0 ? "." + digits.substring(1) : "") + "e" + (x < 0 ? "-" : "+")
                    + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
        }
        return alt && prec == 0 ? s.replace("e", ".e") : s;
    }

    private static String stripZeros(String s) {
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mant.indexOf('.') >= 0) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        return mant + exp;
    }
}
