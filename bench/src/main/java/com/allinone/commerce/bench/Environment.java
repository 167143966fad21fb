package com.allinone.commerce.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the bench starts and stops: its own redis-server (so baseline A and the app share one Redis), the standalone
 * app on a fresh data folder, and for --postgres a fresh database `bench` (never `test`, which CI owns). With --url
 * it starts nothing and only checks the app answers.
 */
final class Environment implements AutoCloseable {

    /** Where the flood's events can be counted: a JDBC URL, user, password. */
    record EventStore(String url, String user, String password) {
    }

    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String PG_BENCH_URL = "jdbc:postgresql://127.0.0.1:5432/bench";

    private final Options options;
    /** Settings a benchmark adds to the app's environment, on top of (or instead of) the ones below. */
    private final Map<String, String> appSettings;
    private Path dir;
    private Process redis;
    private Process app;
    private boolean databaseCreated;
    private String appUrl;
    private String mongoUrl;
    private String redisUrl;

    Environment(Options options, Map<String, String> appSettings) {
        this.options = options;
        this.appSettings = appSettings;
    }

    /** The app's MongoDB (the rebuild baseline writes there); null for a running app given without --mongo. */
    String mongoUrl() {
        return mongoUrl != null ? mongoUrl : options.mongoUrl();
    }

    String appUrl() {
        return appUrl;
    }

    String redisUrl() {
        return redisUrl;
    }

    void start() throws Exception {
        if (options.url() != null) {
            appUrl = options.url();
            redisUrl = options.redisUrl();
            awaitHealthy(null, Duration.ofSeconds(10));
            return;
        }
        dir = Files.createTempDirectory("commerce-bench-");
        Path jar = options.root().resolve("standalone/target/commerce-standalone.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No " + jar + ": build it with ./mvnw -q -DskipTests package");
        }
        startRedis();
        if (options.postgres()) {
            createDatabase();
        }
        startApp(jar);
    }

    private void startRedis() throws Exception {
        int port = freePort();
        // No persistence: the bench measures the gate, not disk writes, and the data is thrown away anyway.
        redis = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        redisUrl = "redis://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pong(port)) {
            if (!redis.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start: " + tail(dir.resolve("redis.log")));
            }
            Thread.sleep(50);
        }
        Progress.say("redis-server on %s", redisUrl);
    }

    private static boolean pong(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    private void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS bench WITH (FORCE)");
            sql.execute("CREATE DATABASE bench");
        }
        databaseCreated = true;
        Progress.say("PostgreSQL database bench created");
    }

    private void startApp(Path jar) throws Exception {
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The app runs from a copy: a build during the run rewrites the jar in place, and a running JVM then fails to
        // load its classes (measured: the saga's deadline scheduler died mid-run and every order waited).
        Path copy = Files.copy(jar, dir.resolve("commerce-standalone.jar"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        // BENCH_APP_JVM_OPTIONS reaches the app's JVM only (e.g. a flight recording), never the bench's own.
        String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTIONS", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", copy.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("app.log").toFile());
        Map<String, String> env = builder.environment();
        // Whatever the calling shell points at (CI exports a datasource) must not leak into the measured app.
        List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                "SPRING_DATA_MONGODB_URI", "AXON_AXONSERVER_SERVERS", "JWT_SECRET").forEach(env::remove);
        env.put("SERVER_PORT", String.valueOf(port));
        int mongoPort = freePort();
        env.put("COMMERCE_EMBEDDED_MONGO_PORT", String.valueOf(mongoPort));
        mongoUrl = "mongodb://127.0.0.1:" + mongoPort + "/commerce";
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("SPRING_DATA_REDIS_URL", redisUrl);
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // The bench measures how much the app can take, not its per-customer fairness limit: 32 customers ordering
        // as fast as they can would otherwise be a test of the rate limiter. The limiter still runs (and costs).
        env.put("COMMERCE_ORDERS_RATE_LIMIT_BURST", "1000000");
        env.put("COMMERCE_ORDERS_RATE_LIMIT_PER_SECOND", "1000000");
        env.putAll(appSettings);
        if (options.postgres()) {
            env.put("SPRING_DATASOURCE_URL", PG_BENCH_URL);
            env.put("SPRING_DATASOURCE_USERNAME", "postgres");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
        }
        appUrl = "http://127.0.0.1:" + port;
        Progress.say("starting the app on %s (%s, log %s)", appUrl, options.postgres() ? "PostgreSQL" : "H2",
                dir.resolve("app.log"));
        app = builder.start();
        long started = System.nanoTime();
        awaitHealthy(app, Duration.ofMinutes(3));
        Progress.say("app up after %.1f s", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Polls the public catalog until it answers 200 (the HTTP server, security and MongoDB are up): startup time
     * varies, a fixed sleep would be a guess. Not /actuator/health: not every build of the app serves it.
     */
    private void awaitHealthy(Process process, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(appUrl + "/api/products?limit=1"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("The app exited with " + process.exitValue() + ":\n"
                        + tail(dir.resolve("app.log")));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The app at " + appUrl + " is not healthy: " + last);
    }

    /** Stops the app (SIGTERM: Spring closes the H2 file cleanly, so it can then be read). */
    void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            Progress.say("stopping the app");
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Where to count events; for H2 only valid once {@link #stopApp()} returned (one process owns the file). */
    EventStore eventStore() {
        if (options.url() != null) {
            return options.jdbcUrl() == null ? null : new EventStore(options.jdbcUrl(), "postgres", "");
        }
        if (options.postgres()) {
            return new EventStore(PG_BENCH_URL, "postgres", "");
        }
        return new EventStore("jdbc:h2:file:" + dir.resolve("data/commerce") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE",
                "sa", "");
    }

    /** CPU time the app started here has used so far (every thread); empty for an app given with --url. */
    Optional<Duration> appCpu() {
        return app == null ? Optional.empty() : app.toHandle().info().totalCpuDuration();
    }

    Path appLog() {
        return dir == null ? null : dir.resolve("app.log");
    }

    @Override
    public synchronized void close() {
        try {
            stopApp();
            if (databaseCreated) {
                try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
                     Statement sql = admin.createStatement()) {
                    sql.execute("DROP DATABASE IF EXISTS bench WITH (FORCE)");
                }
                databaseCreated = false;
            }
            if (redis != null && redis.isAlive()) {
                redis.destroy();
                redis.waitFor(10, TimeUnit.SECONDS);
            }
            if (dir != null) {
                // Keep the logs for a look afterwards; the data folder is only big.
                deleteTree(dir.resolve("data"));
            }
        } catch (Exception e) {
            Progress.say("cleaning up failed: %s", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
