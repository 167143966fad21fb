package com.allinone.commerce.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Events the event store holds for given aggregates. Table and column names are Axon's default EventSchema as
 * created by axon-config's V1_1__axon_event_store.sql: domainevententry.aggregateidentifier, unquoted (upper case
 * in H2, lower case in PostgreSQL, so the same unquoted SQL works on both).
 */
final class EventCount {

    private static final int CHUNK = 500;

    private EventCount() {
    }

    static long count(Environment.EventStore store, Collection<String> aggregateIds) throws SQLException {
        List<String> ids = new ArrayList<>(aggregateIds);
        long total = 0;
        try (Connection connection = DriverManager.getConnection(store.url(), store.user(), store.password())) {
            // IN lists in chunks: one statement with tens of thousands of parameters is refused by both databases.
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        query.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
        }
        return total;
    }
}
