package com.allinone.commerce.split;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of the topology's own, on the server CI's {@code SPRING_DATASOURCE_URL} names: the run's
 * other tests share that URL's database, and query nodes would otherwise project all of their events too.
 */
final class SplitDatabase implements AutoCloseable {

    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

    private final String serverUrl;
    private final String suffix;
    private final String user;
    private final String password;
    final String name = "split_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private SplitDatabase(String serverUrl, String suffix, String user, String password) {
        this.serverUrl = serverUrl;
        this.suffix = suffix;
        this.user = user;
        this.password = password;
    }

    static SplitDatabase create(String url, String user, String password) throws SQLException {
        Matcher matcher = url == null ? null : POSTGRES_URL.matcher(url);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalStateException("The split topology runs on PostgreSQL: set SPRING_DATASOURCE_URL to a "
                    + "jdbc:postgresql:// URL (as .ci/run does); got " + url);
        }
        SplitDatabase database = new SplitDatabase(matcher.group(1), matcher.group(3), user, password);
        database.execute(matcher.group(2), "CREATE DATABASE " + database.name);
        return database;
    }

    String url() {
        return serverUrl + name + suffix;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + database + suffix, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        // FORCE (PostgreSQL 13+): a killed node's connections may not be gone yet.
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
