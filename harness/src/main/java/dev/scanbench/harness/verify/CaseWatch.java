package dev.scanbench.harness.verify;

import dev.scanbench.harness.backend.BackendException;

/**
 * Runs each candidate call of a battery, e.g. inside a worker's watchdog call so that a hang is killed and named
 * by its case. {@link #NONE} runs it as it is.
 */
@FunctionalInterface
public interface CaseWatch {

    /** Runs the call directly. */
    CaseWatch NONE = (name, call) -> call.run();

    /** The candidate's part of one case. */
    @FunctionalInterface
    interface Call {
        /** Runs the candidate's plan to completion. */
        void run() throws BackendException;
    }

    /**
     * @param name the call's name, which names the case ({@code case 12 of 199 (n = 4097, ...)})
     * @param call the candidate's run
     */
    void watch(String name, Call call) throws BackendException;
}
