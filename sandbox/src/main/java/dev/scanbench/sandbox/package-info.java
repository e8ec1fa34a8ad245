/**
 * Runs processes that execute candidate-controlled code (a Triton compile, nvcc and ptxas on a candidate's
 * sources, the worker JVM that launches its kernels) inside a bubblewrap sandbox: they can write only one fresh
 * folder, see only read-only views of what they need, have no network, live in their own PID namespace and
 * die with the process that started them. The same runner starts the workbench's trusted tools (pip, version
 * queries) uncontained, so there is one process runner for every child the workbench starts.
 *
 * <p>Use: {@link dev.scanbench.sandbox.Sandbox#detect()} once, describe what the process may see with a
 * {@link dev.scanbench.sandbox.Jail}, bound it with {@link dev.scanbench.sandbox.Limits}, and either
 * {@link dev.scanbench.sandbox.Sandbox#run run} it to the end (a {@link dev.scanbench.sandbox.RunResult}) or
 * {@link dev.scanbench.sandbox.Sandbox#start start} it with pipes ({@link dev.scanbench.sandbox.ContainedProcess}).
 *
 * <p>This module depends on nothing else of the workbench and on no library.
 */
package dev.scanbench.sandbox;
