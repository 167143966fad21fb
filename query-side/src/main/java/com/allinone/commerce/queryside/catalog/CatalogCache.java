package com.allinone.commerce.queryside.catalog;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * The {@code catalog} read model kept in this query node's memory: product documents by SKU and the documents of list
 * pages, each bounded to {@code size} products (an unknown SKU is remembered as absent, also within the bound).
 *
 * <p>Staleness. This node's own catalog projector drops a product, and every list page, as soon as its change is
 * durable ({@link #changed}). A change another query node projected never reaches this one, so every copy also
 * expires {@code ttl} after it was read from MongoDB, and none older is ever served. Expiry beats a shared
 * "catalog version" every node polls: the projector writes nothing more, and it equally covers a rebuild switched in
 * and a document mended by hand. A copy read often is refreshed in the background when it is half that old, so a
 * popular product never waits for MongoDB. Concurrent requests for a copy not in memory share one read.
 */
public class CatalogCache {

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final AsyncLoadingCache<String, TimedRead<Document>> products;
    private final AsyncLoadingCache<PageKey, TimedRead<List<Document>>> pages;

    public CatalogCache(ReactiveMongoTemplate mongo, String collection, int size, Duration ttl) {
        if (size < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The catalog cache needs a size of at least 1 and a positive ttl, not "
                    + size + " and " + ttl);
        }
        this.mongo = mongo;
        this.collection = collection;
        Duration refreshAfter = ttl.dividedBy(2);
        this.products = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(TimedRead.<String, Document>expiringAfter(ttl))
                .refreshAfterWrite(refreshAfter)
                .buildAsync((sku, executor) -> read(sku));
        this.pages = Caffeine.newBuilder()
                .maximumWeight(size)
                .<PageKey, TimedRead<List<Document>>>weigher((key, page) -> Math.max(1, page.value().size()))
                .expireAfter(TimedRead.<PageKey, List<Document>>expiringAfter(ttl))
                .refreshAfterWrite(refreshAfter)
                .buildAsync((key, executor) -> read(key));
    }

    /** The product's document, or empty when there is no such product. */
    public Mono<Document> product(String sku) {
        return cached(products.get(sku)).mapNotNull(TimedRead::value);
    }

    /** Up to {@code limit} products of the category (any when null) after the SKU {@code after} (from the start). */
    public Mono<List<Document>> page(String category, String after, int limit) {
        return cached(pages.get(new PageKey(category, after, limit))).map(TimedRead::value);
    }

    /**
     * The product changed, durably: its copy goes, and so does every list page, which may show it or, for a new
     * product, should. Catalog changes are rare next to reads, so dropping all pages costs little.
     */
    public void changed(String sku) {
        products.synchronous().invalidate(sku);
        pages.synchronous().invalidateAll();
    }

    /** Cancelling one request must not cancel the read other requests share. */
    private static <T> Mono<T> cached(CompletableFuture<T> read) {
        return Mono.fromFuture(read, true);
    }

    private CompletableFuture<TimedRead<Document>> read(String sku) {
        return Mono.defer(() -> {
            long askedAt = System.nanoTime();
            return mongo.findById(sku, Document.class, collection)
                    .map(product -> new TimedRead<>(product, askedAt))
                    .defaultIfEmpty(new TimedRead<>(null, askedAt));
        }).toFuture();
    }

    private CompletableFuture<TimedRead<List<Document>>> read(PageKey key) {
        Query query = new Query().with(Sort.by("_id")).limit(key.limit());
        if (key.category() != null) {
            query.addCriteria(Criteria.where("category").is(key.category()));
        }
        if (key.after() != null) {
            query.addCriteria(Criteria.where("_id").gt(key.after()));
        }
        return Mono.defer(() -> {
            long askedAt = System.nanoTime();
            return mongo.find(query, Document.class, collection).collectList()
                    .map(page -> new TimedRead<>(page, askedAt));
        }).toFuture();
    }

    private record PageKey(String category, String after, int limit) {
    }
}
