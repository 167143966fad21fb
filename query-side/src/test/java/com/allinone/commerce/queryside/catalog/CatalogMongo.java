package com.allinone.commerce.queryside.catalog;

import com.allinone.commerce.readmodels.EmbeddedMongo;
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

    private final EmbeddedMongo embedded = new EmbeddedMongo();
    final ReactiveMongoTemplate mongo = embedded.template("catalog-test");

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
        embedded.close();
    }
}
