package dev.scanbench.harness.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeTextTest {
    private static Optional<String> of(String s) {
        return CodeText.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commentsBecomeBlanksThatKeepEveryTokensLineAndColumn() {
        assertThat(of("int a; // note\n/* two\n lines */ int b;\n")).contains("int a;\n\n          int b;\n");
        assertThat(of("int a; // edit 1\n")).isEqualTo(of("int a; // edit 22\n\n// more\n"));
        assertThat(of("int a;\nint b;\n")).isNotEqualTo(of("// above\nint a;\nint b;\n"));
        assertThat(of("/*x*/int a;\n")).as("a column moved").isNotEqualTo(of("/*xy*/int a;\n"));
    }

    @Test
    void literalsAreKeptAndALineCommentContinuesOverABackslashNewline() {
        assertThat(of("const char* s = \"// not a comment\"; char c = '/';\n"))
                .contains("const char* s = \"// not a comment\"; char c = '/';\n");
        assertThat(of("int a; // two \\\nlines\nint b;\n")).contains("int a;\n\nint b;\n");
        assertThat(of("char q = '\\''; /* c */\n")).contains("char q = '\\'';\n");
    }

    @Test
    void whereLexingCouldBeWrongThereIsNoCodeText() {
        assertThat(of("auto s = R\"(// x)\";\n")).isEmpty();
        assertThat(of("int m = 1'000'000;\n")).isEmpty();
        assertThat(of("auto c = u8'a';\n")).isEmpty();
        assertThat(of("int a; /* open\n")).isEmpty();
        assertThat(of("const char* s = \"open\nint a;\n")).isEmpty();
        assertThat(of("#define X 1 \\  \nint a;\n")).isEmpty();
        assertThat(of("int t = x ??/ y;\n")).isEmpty();
    }
}
