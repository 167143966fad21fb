package com.allinone.commerce.readmodels.catalog;

import static com.allinone.commerce.readmodels.common.Documents.money;

import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import com.allinone.commerce.readmodels.common.SourcedDocuments;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The storefront catalog document per SKU (DESIGN §6), idempotent like every read model: the product's last applied
 * sequence is kept in the document and checked by {@link SourcedDocuments}, by {@code _id} alone.
 */
@ProcessingGroup(CatalogProjector.PROCESSING_GROUP)
public class CatalogProjector {

    public static final String PROCESSING_GROUP = "catalog-projection";
    public static final String COLLECTION = "catalog";
    private static final String PRODUCT = "product";

    private final SourcedDocuments products;

    public CatalogProjector(ReactiveMongoTemplate mongo, CatalogChanges changes) {
        this(mongo, COLLECTION, changes);
    }

    /** A projector writing into another collection than the live one (a rebuild's shadow). */
    public CatalogProjector(ReactiveMongoTemplate mongo, String collection, CatalogChanges changes) {
        this.products = new SourcedDocuments(mongo, collection, List.of(PRODUCT), changes::changed);
    }

    @EventHandler
    void on(ProductCreated event, @SequenceNumber long sequence) {
        products.start(event.sku(), PRODUCT, sequence, new Update()
                .set("name", event.name())
                .set("description", event.description())
                .set("category", event.category())
                .set("price", money(event.price()))
                .set("discontinued", false));
    }

    @EventHandler
    void on(ProductPriceChanged event, @SequenceNumber long sequence) {
        products.apply(event.sku(), PRODUCT, sequence, new Update().set("price", money(event.price())));
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long sequence) {
        products.apply(event.sku(), PRODUCT, sequence, new Update().set("discontinued", true));
    }
}
