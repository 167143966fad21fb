package com.allinone.commerce.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Command line of {@code bench/run} and {@code bench/reads} (which passes {@code --reads}). Durations are the
 * scenario lengths the targets were set for; {@code --quick} divides them by four for a smoke run of the bench
 * itself (its numbers are then not comparable).
 */
record Options(Path root, boolean postgres, String url, String redisUrl, String jdbcUrl, String mongoUrl,
               boolean quick, boolean reads) {

    static Options parse(String[] args) {
        Path root = Path.of(".");
        boolean postgres = false;
        boolean quick = false;
        boolean reads = false;
        String url = null;
        String redis = null;
        String jdbc = null;
        String mongo = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--postgres" -> postgres = true;
                case "--quick" -> quick = true;
                case "--reads" -> reads = true;
                case "--url" -> url = stripSlash(args[++i]);
                case "--redis" -> redis = args[++i];
                case "--jdbc" -> jdbc = args[++i];
                case "--mongo" -> mongo = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "\n" + usage());
            }
        }
        // The read benchmark never calls Redis itself: only the order benchmark's baseline A needs it.
        if (url != null && redis == null && !reads) {
            throw new IllegalArgumentException("--url needs --redis redis://host:port (the app's Redis, for baseline A)");
        }
        if (url != null && postgres) {
            throw new IllegalArgumentException("--postgres starts the app on a fresh database; with --url use --jdbc");
        }
        return new Options(root.toAbsolutePath().normalize(), postgres, url, redis, jdbc, mongo, quick, reads);
    }

    static String usage() {
        return """
                usage: bench/run [--postgres] [--quick]
                       bench/run --url http://host:port --redis redis://host:port [--jdbc jdbc:postgresql://…] [--mongo mongodb://…]
                       bench/reads [--postgres] [--quick] | bench/reads --url http://host:port
                  --postgres  start the app on a fresh PostgreSQL database `bench` (127.0.0.1:5432, user postgres)
                  --url       use an app that is already running (standalone: it must serve /dev/tokens)
                  --redis     that app's Redis (baseline A runs against it)
                  --jdbc      that app's PostgreSQL event store, to count the flood's events (user postgres)
                  --mongo     that app's MongoDB (mongodb://host:port/db), for the rebuild's baseline
                  --quick     every scenario a quarter as long: to check the bench itself, not the app
                              (bench/reads also seeds 3,000 orders instead of 30,000)""";
    }

    Duration scaled(Duration full) {
        return quick ? full.dividedBy(4) : full;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
