package dev.scanbench.report.html;

/**
 * Series colours: the Okabe-Ito palette, told apart by readers with any common colour-vision deficiency, and in
 * grey-scale print by the markers that go with them.
 */
final class Palette {
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#000000"};

    private Palette() {
    }

    /** @return the colour of series {@code i} */
    static String colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    /** @return an SVG marker for series {@code i} centred at (x, y): circle, square, diamond, triangle in turn */
    static String marker(int i, double x, double y, String colour, String title) {
        String fmt = "<%s class=\"point\" fill=\"%s\" %s><title>%s</title></%s>";
        String t = Html.text(title);
        return switch (Math.floorMod(i, 4)) {
            case 0 -> String.format(java.util.Locale.ROOT, fmt, "circle", colour,
                    String.format(java.util.Locale.ROOT, "cx=\"%.1f\" cy=\"%.1f\" r=\"4\"", x, y), t, "circle");
            case 1 -> String.format(java.util.Locale.ROOT, fmt, "rect", colour,
                    String.format(java.util.Locale.ROOT, "x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\"", x - 3.5,
                            y - 3.5), t, "rect");
            case 2 -> String.format(java.util.Locale.ROOT, fmt, "polygon", colour,
                    String.format(java.util.Locale.ROOT, "points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x,
                            y - 5, x + 5, y, x, y + 5, x - 5, y), t, "polygon");
            default -> String.format(java.util.Locale.ROOT, fmt, "polygon", colour,
                    String.format(java.util.Locale.ROOT, "points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x, y - 5,
                            x + 5, y + 4, x - 5, y + 4), t, "polygon");
        };
    }
}
