package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static List<LineSplitter.Line> split(String text, int maxBytes) throws IOException {
        LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                maxBytes);
        List<LineSplitter.Line> lines = new ArrayList<>();
        for (LineSplitter.Line line = splitter.next(); line != null; line = splitter.next()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void splitsOnNewlinesAndKeepsAnUnterminatedLastLine() throws IOException {
        assertThat(split("a\n\nbc\nlast", 100)).containsExactly(new LineSplitter.Line("a", false),
                new LineSplitter.Line("", false), new LineSplitter.Line("bc", false),
                new LineSplitter.Line("last", false));
    }

    @Test
    void truncatesLinesPastTheBoundAndGoesOnWithTheNext() throws IOException {
        assertThat(split("0123456789\nok\n", 4)).containsExactly(new LineSplitter.Line("0123", true),
                new LineSplitter.Line("ok", false));
    }

    @Test
    void linesLongerThanOneReadChunkAreJoined() throws IOException {
        String longLine = "x".repeat(20_000);
        assertThat(split(longLine + "\nend\n", 1 << 20)).containsExactly(new LineSplitter.Line(longLine, false),
                new LineSplitter.Line("end", false));
    }

    @Test
    void anEmptyStreamHasNoLines() throws IOException {
        assertThat(split("", 10)).isEmpty();
    }
}
