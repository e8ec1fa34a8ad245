package dev.scanbench.harness.candidate;

import java.util.Locale;
import java.util.Optional;

/** The kinds of kernel file the workbench takes, by extension. */
public enum CandidateKind {
    /** CUDA C++ compiled with nvcc to PTX and a cubin. */
    CUDA(".cu"),
    /** PTX, assembled as is. */
    PTX(".ptx"),
    /** A prebuilt sm_90a cubin: the CUDA backend only (the emulator runs PTX). */
    CUBIN(".cubin"),
    /** A Triton kernel in Python, compiled by the Triton bridge. */
    TRITON(".py");

    private final String extension;

    CandidateKind(String extension) {
        this.extension = extension;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The kind of a file name, if it has one of the known extensions (case-insensitive). */
    public static Optional<CandidateKind> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (CandidateKind k : values()) {
            if (lower.endsWith(k.extension)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
