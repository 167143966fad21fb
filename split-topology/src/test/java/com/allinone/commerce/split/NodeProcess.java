package com.allinone.commerce.split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One JVM of the topology: started with its own environment, its output kept in a log file for the failure report. */
final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;

    private NodeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** {@code java [jvmOptions] <args>} with the test JVM's own java, and {@code environment} on top of ours. */
    static NodeProcess start(String name, Path logs, Map<String, String> environment, List<String> jvmOptions,
                             String... args) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Five JVMs share two cores here: small heaps, and no JIT tiers beyond what a short test needs.
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Daxoniq.update-checker.disabled=true");
        command.addAll(jvmOptions);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Each node sees only the stores the topology gives it, never the test run's own (CI's SPRING_DATASOURCE_URL).
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("MANAGEMENT_"));
        builder.environment().putAll(environment);
        return new NodeProcess(name, log, builder.start());
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A crash, not a stop: no shutdown hook runs, claims and connections are left as they were. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The last lines of its log, for an assertion message. */
    String tail(int lines) {
        List<String> all = logText().lines().toList();
        return name + " (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
