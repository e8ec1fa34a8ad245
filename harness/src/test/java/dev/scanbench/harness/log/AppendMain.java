package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Test process: appends {@code count} entries {@code {"writer":W,"i":i}} to a log, printing "started" once the
 * first is written. Arguments: log path, count, writer id.
 */
public final class AppendMain {

    private AppendMain() {
    }

    public static void main(String[] args) throws Exception {
        ScoreLog log = new ScoreLog(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int writer = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            ObjectNode payload = EntryCodec.mapper().createObjectNode().put("writer", writer).put("i", i)
                    .put("kernel", "kernels/examples/scan.cu").put("median_ms", 0.4 + i * 1e-6);
            log.append(payload);
            if (i == 0) {
                System.out.println("started");
                System.out.flush();
            }
        }
    }
}
