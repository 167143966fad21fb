package com.allinone.commerce.queryside.catalog;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** An embedded MongoDB holding catalog documents shaped as the catalog projector writes them. */
final class CatalogMongo implements AutoCloseable {

    static final String COLLECTION = "catalog";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "catalog-test");

    void product(String sku, String category, long price) {
        mongo.insert(new Document("_id", sku).append("name", "Runner").append("description", "A light running shoe")
                .append("category", category).append("price", new Document("amount", price).append("currency", "KRW"))
                .append("discontinued", false).append("seq", new Document("product", 0L)), COLLECTION).block(WAIT);
    }

    /** What the projector of this or another node writes for a later product event. */
    void change(String sku, long version, Map<String, Object> fields) {
        Update update = new Update().set("seq.product", version);
        fields.forEach(update::set);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sku)), update, COLLECTION).block(WAIT);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
