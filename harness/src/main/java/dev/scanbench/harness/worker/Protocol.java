package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The names both ends of the worker protocol agree on (see the package documentation). */
final class Protocol {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String JOB = "job";
    static final String TOKEN = "token";
    static final String REQUEST = "request";
    /** Marks an envelope as a spare worker's warm-up: run, its events dropped, then {@link #READY_LINE}. */
    static final String WARM_UP = "warm_up";
    /** The line a spare worker writes on its protocol stream once warm, before it reads its one job. */
    static final String READY_LINE = "{\"event\":\"ready\"}";

    static final String EVENT = "event";
    static final String PROGRESS = "progress";
    static final String CALL_START = "call-start";
    static final String CALL_END = "call-end";
    static final String RESULT = "result";
    static final String FAILURE = "failure";

    static final String NAME = "name";
    static final String MESSAGE = "message";
    static final String DATA = "data";
    static final String SECONDS = "seconds";
    static final String KIND = "kind";
    static final String DETAILS = "details";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Protocol() {
    }

    /**
     * A fresh marker for the event lines of one worker. Random so that nothing the candidate prints, even
     * byte for byte straight to file descriptor 1, can be taken for an event or split one.
     */
    static String newToken() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "@worker:" + HexFormat.of().formatHex(bytes) + "@";
    }
}
