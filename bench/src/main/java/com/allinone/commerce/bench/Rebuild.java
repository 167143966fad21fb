package com.allinone.commerce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The rebuild scenario (issue 10): a blue/green rebuild of {@code my_orders} from every event the other scenarios
 * wrote, through the app's admin API, against a baseline in the same run: raw bulk inserts of as many documents
 * into the same MongoDB (the lowest possible cost of writing that many documents there).
 */
final class Rebuild {

    private static final String READ_MODEL = "my-orders";
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final int BASELINE_BATCH = 500;

    record Result(long events, double seconds, List<Long> ratesByFifth, String state, String failure) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final Http http;

    Rebuild(Http http) {
        this.http = http;
    }

    Result run(String admin) throws InterruptedException, IOException {
        Http.Response started = http.post("/api/admin/projections/" + READ_MODEL + "/rebuild",
                Map.of("Authorization", "Bearer " + admin), "{}").block();
        if (started == null || started.status() != 202) {
            throw new IllegalStateException("POST rebuild answered " + (started == null ? "nothing" : started));
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long nextSay = 0;
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            Http.Response answer = http.get("/api/admin/projections/" + READ_MODEL, admin).block();
            if (answer == null || answer.status() != 200) {
                continue;
            }
            status = CommerceApi.JSON.readTree(answer.body());
            String state = status.path("state").asText();
            if (System.nanoTime() > nextSay) {
                nextSay = System.nanoTime() + 10_000_000_000L;
                Progress.say("rebuild %s: %s, %,d events, position %,d of %,d, %d events/s, ETA %s s", READ_MODEL,
                        state, status.path("processed").asLong(), status.path("position").asLong(),
                        status.path("total").asLong(), status.path("eventsPerSecond").asLong(),
                        status.path("etaSeconds").asText());
            }
            if (!List.of("BUILDING", "VERIFYING", "SWITCHING").contains(state)) {
                break;
            }
        }
        if (status == null) {
            throw new IllegalStateException("no rebuild status within " + LIMIT);
        }
        List<Long> fifths = new ArrayList<>();
        status.path("eventsPerSecondByFifth").forEach(rate -> fifths.add(rate.asLong()));
        double seconds = Duration.between(Instant.parse(status.path("startedAt").asText()),
                Instant.now()).toMillis() / 1000.0;
        return new Result(status.path("processed").asLong(), seconds, fifths, status.path("state").asText(),
                status.path("failure").asText(null));
    }

    /** Documents per second of plain bulk inserts of {@code count} order-sized documents, then removed. */
    static double bulkInsertBaseline(String mongoUrl, long count) {
        try (MongoClient client = MongoClients.create(mongoUrl)) {
            String database = new ConnectionString(mongoUrl).getDatabase();
            MongoCollection<Document> collection = client.getDatabase(database == null ? "commerce" : database)
                    .getCollection("bench_baseline_" + System.nanoTime());
            long started = System.nanoTime();
            List<Document> batch = new ArrayList<>(BASELINE_BATCH);
            for (long i = 0; i < count; i++) {
                batch.add(orderSized(i));
                if (batch.size() == BASELINE_BATCH) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            double perSecond = count / ((System.nanoTime() - started) / 1e9);
            collection.drop();
            return perSecond;
        }
    }

    private static Document orderSized(long i) {
        return new Document("_id", "baseline-" + i).append("customerId", "bench-customer-" + (i % 32))
                .append("status", "CONFIRMED").append("placedAt", new Date())
                .append("lines", List.of(new Document("sku", "BENCH-SKU").append("quantity", 1)
                        .append("unitPrice", new Document("amount", 129000).append("currency", "KRW"))))
                .append("total", new Document("amount", 129000).append("currency", "KRW"))
                .append("seq", new Document("order", 3L).append("payment", 1L).append("shipment", 0L));
    }
}
