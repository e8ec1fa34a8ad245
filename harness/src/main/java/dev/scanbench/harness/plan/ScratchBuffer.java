package dev.scanbench.harness.plan;

/**
 * A device buffer the harness allocates for the candidate, declared by
 * {@code @plan scratch <name> = <expr> bytes [zero]}.
 *
 * @param name  the name launches pass it by
 * @param bytes its size in bytes as an expression in n
 * @param zero  whether the harness zero-fills it before every run of the plan
 * @param pos   the directive's position
 */
public record ScratchBuffer(String name, Expr bytes, boolean zero, SourcePos pos) {
}
