package com.allinone.commerce.axonconfig.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Chooses every node's stores from the environment alone (DESIGN §2) before any auto-configuration looks at it.
 *
 * <ul>
 *   <li>Jackson for every Axon serializer: XStream refuses our multi-module classes.</li>
 *   <li>The Axon Server connector only when {@code AXON_AXONSERVER_SERVERS} names servers; left on without one it
 *       silently replaces the JDBC event store and loops on UNAVAILABLE.</li>
 *   <li>Without {@code SPRING_DATASOURCE_URL}: an H2 file in the data folder where H2 is on the class path (the
 *       command node, standalone); elsewhere no SQL database at all.</li>
 * </ul>
 * Defaults sit at the lowest precedence, so any explicit property or environment variable wins.
 */
public class NodeEnvironmentDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "commerceNodeDefaults";
    public static final String DATA_DIR = "commerce.data-dir";

    private static final String JDBC_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader classLoader = application.getClassLoader();
        apply(environment, ClassUtils.isPresent("org.h2.Driver", classLoader));
    }

    /** @param h2Available whether this node ships H2 (the command node and standalone do, the query node does not) */
    void apply(ConfigurableEnvironment environment, boolean h2Available) {
        // The update checker calls out to the internet; this machine and most production networks have none.
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        defaults.put("axon.serializer.messages", "jackson");

        boolean axonServer = StringUtils.hasText(environment.getProperty("axon.axonserver.servers"));
        defaults.put("axon.axonserver.enabled", String.valueOf(axonServer));

        Path dataDir = dataDir(environment);
        defaults.put(DATA_DIR, dataDir.toString());

        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            if (h2Available) {
                createDirectories(dataDir);
                defaults.put("spring.datasource.url", h2Url(dataDir));
                defaults.put("spring.datasource.username", "sa");
                defaults.put("spring.datasource.password", "");
            } else {
                defaults.put("spring.autoconfigure.exclude", appendExclusions(environment));
            }
        }
        // Command dispatch, the saga's segments, its participants, deadlines and every processor's event reads each
        // hold a connection while they work: with Hikari's default of 10 they queued for connections, not for the
        // database (measured: 50 threads waiting under a flash sale while H2 sat idle).
        defaults.put("spring.datasource.hikari.maximum-pool-size", "40");
        // Deadlines (db-scheduler): poll every second rather than every 10 s, so a retry or payment deadline fires
        // close to its time; and never before the application (its sagas) is ready to handle them.
        defaults.put("db-scheduler.polling-interval", "1s");
        defaults.put("db-scheduler.delay-startup-until-context-ready", "true");
        // Axon's meters with processors, handlers and payload types as tags, not baked into meter names.
        defaults.put("axon.metrics.micrometer.dimensional", "true");
        // Histogram buckets for the two latencies the dashboard shows as p99 (ops/grafana): HTTP per route and saga
        // steps; percentiles computed in the node could not be summed across nodes.
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.commerce.flow.steps", "true");
        // Vendor folders where H2 and PostgreSQL need different DDL, one common folder where they do not.
        defaults.put("spring.flyway.locations", "classpath:db/axon/{vendor},classpath:db/axon/common");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }

    /**
     * The embedded H2 file, opened by one process: the command node owns it.
     * <ul>
     *   <li>{@code async:}: H2's default file system uses a {@code FileChannel}, which the JVM closes when a thread
     *       inside it is interrupted, and H2 then closes the database for the whole process. The asynchronous channel
     *       is not interruptible. Measured here under 16 writers and ~150 interrupts/s: the default file system closed
     *       the database, {@code async:} lost nothing, at the same throughput.</li>
     *   <li>{@code WRITE_DELAY=100}: H2 writes committed changes to the file in the background; a kill -9 (not a
     *       clean stop) can lose what was committed in the last ~100 ms. H2's default of 500 ms lost up to a second in
     *       a kill -9 test; {@code WRITE_DELAY=0} lost nothing but made every commit wait for its own file write, and
     *       under a flash sale every thread queued on that one lock. Where a kill -9 must lose nothing, use PostgreSQL
     *       ({@code SPRING_DATASOURCE_URL}), as every deployed topology does.</li>
     *   <li>{@code QUERY_CACHE_SIZE=256}: H2 keeps parsed statements per connection, 8 by default. Axon's event
     *       store, saga store, token store and deadline scheduler use dozens of statements on every connection, so
     *       with 8 almost every statement was parsed and planned again (seen in profiles of a sold-out flood).</li>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: Spring closes it in order on shutdown instead of H2's own hook racing the
     *       last writes.</li>
     * </ul>
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:async:" + dataDir.resolve("commerce") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=100;QUERY_CACHE_SIZE=256";
    }

    /** {@code DATA_DIR}, default {@code ./data}: where every embedded store of a node keeps its files. */
    public static Path dataDir(ConfigurableEnvironment environment) {
        return Path.of(environment.getProperty("DATA_DIR", environment.getProperty(DATA_DIR, "./data")))
                .toAbsolutePath().normalize();
    }

    private static String appendExclusions(ConfigurableEnvironment environment) {
        String existing = environment.getProperty("spring.autoconfigure.exclude", "");
        return existing.isBlank() ? JDBC_AUTO_CONFIGURATIONS : existing + "," + JDBC_AUTO_CONFIGURATIONS;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data folder " + dir + " (set DATA_DIR)", e);
        }
    }

    @Override
    public int getOrder() {
        // Before other nodes' post-processors (standalone's), which rely on the data folder being settled.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
