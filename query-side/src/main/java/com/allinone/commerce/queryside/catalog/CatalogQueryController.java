package com.allinone.commerce.queryside.catalog;

import com.allinone.commerce.queryside.common.NotFound;
import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.queryside.common.Paging;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The storefront catalog (anyone): products sorted by SKU, optionally of one category, with live availability. */
@RestController
public class CatalogQueryController {

    static final String CATALOG = "catalog";

    private final ReactiveMongoTemplate mongo;
    private final AvailableStock stock;

    public CatalogQueryController(ReactiveMongoTemplate mongo, AvailableStock stock) {
        this.mongo = mongo;
        this.stock = stock;
    }

    @GetMapping("/api/products")
    public Mono<Page<ProductView>> products(@RequestParam(required = false) String category,
                                            @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        int size = Paging.limit(limit);
        Query query = new Query().with(Sort.by("_id")).limit(size + 1);
        if (category != null) {
            query.addCriteria(Criteria.where("category").is(category));
        }
        if (cursor != null) {
            query.addCriteria(Criteria.where("_id").gt(Paging.position(cursor, 1).get(0)));
        }
        return mongo.find(query, Document.class, CATALOG).collectList()
                .flatMap(products -> withAvailability(products))
                .map(products -> Paging.page(products, size, p -> Paging.cursor(p.sku())));
    }

    @GetMapping("/api/products/{sku}")
    public Mono<ProductView> product(@PathVariable String sku) {
        return mongo.findById(sku, Document.class, CATALOG)
                .switchIfEmpty(Mono.error(() -> new NotFound("No product " + sku)))
                .flatMap(product -> withAvailability(List.of(product)))
                .map(products -> products.get(0));
    }

    private Mono<List<ProductView>> withAvailability(List<Document> products) {
        List<String> skus = products.stream().map(p -> p.getString("_id")).toList();
        return stock.of(skus).map(available -> products.stream()
                .map(p -> ProductView.of(p, available.get(p.getString("_id"))))
                .toList());
    }
}
