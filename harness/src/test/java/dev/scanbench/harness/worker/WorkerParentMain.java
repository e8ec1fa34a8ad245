package dev.scanbench.harness.worker;

import dev.scanbench.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A scorer stand-in: starts a worker on a job that never ends ({@code test-hang-outside-call}), the worker's JVM
 * marked with {@code -Dworkbench.test.token=TOKEN}, in the sandbox or on the host ({@code host}), prints
 * {@code started} and waits. The test kills this JVM with SIGKILL and looks for the token.
 */
public final class WorkerParentMain {
    private WorkerParentMain() {
    }

    public static void main(String[] args) throws Exception {
        WorkerLauncher launcher = WorkerLauncher.standard().withHeap("64m")
                .withJvmOptions(List.of("-Dworkbench.test.token=" + args[0], "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC"));
        if (args[1].equals("host")) {
            launcher = launcher.withSandbox(Sandbox.host("the test asks for the host"));
        }
        try (WorkerProcess worker = launcher.start("test-hang-outside-call", Protocol.JSON.createObjectNode(),
                new WorkerListener() { })) {
            System.out.println("started");
            System.out.flush();
            worker.await();
        }
    }

    static Process start(String token, String where) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-cp", WorkerLauncher.currentClassPath(),
                WorkerParentMain.class.getName(), token, where)).redirectErrorStream(true).start();
    }
}
