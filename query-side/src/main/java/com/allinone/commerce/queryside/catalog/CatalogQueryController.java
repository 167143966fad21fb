package com.allinone.commerce.queryside.catalog;

import com.allinone.commerce.queryside.common.NotFound;
import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.queryside.common.Paging;
import java.util.List;
import org.bson.Document;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The storefront catalog (anyone): products sorted by SKU, optionally of one category, served from this node's
 * {@link CatalogCache}, with live availability from Redis (never cached).
 */
@RestController
public class CatalogQueryController {

    private final CatalogCache catalog;
    private final AvailableStock stock;

    public CatalogQueryController(CatalogCache catalog, AvailableStock stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    @GetMapping("/api/products")
    public Mono<Page<ProductView>> products(@RequestParam(required = false) String category,
                                            @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        int size = Paging.limit(limit);
        String after = cursor == null ? null : Paging.position(cursor, 1).get(0);
        return catalog.page(category, after, size + 1)
                .flatMap(products -> withAvailability(products))
                .map(products -> Paging.page(products, size, p -> Paging.cursor(p.sku())));
    }

    /**
     * With a strong ETag; {@code If-None-Match} with it answers 304 (Spring's ResponseEntity handling compares them).
     * {@code no-cache}: a client may keep the page but must ask again each time, since the units change by the minute.
     */
    @GetMapping("/api/products/{sku}")
    public Mono<ResponseEntity<ProductView>> product(@PathVariable String sku) {
        return catalog.product(sku)
                .switchIfEmpty(Mono.error(() -> new NotFound("No product " + sku)))
                .flatMap(product -> stock.of(List.of(sku)).map(available -> {
                    Long units = available.get(sku);
                    return ResponseEntity.ok()
                            .eTag(ProductTag.of(product, units))
                            .cacheControl(CacheControl.noCache())
                            .body(ProductView.of(product, units));
                }));
    }

    private Mono<List<ProductView>> withAvailability(List<Document> products) {
        List<String> skus = products.stream().map(p -> p.getString("_id")).toList();
        return stock.of(skus).map(available -> products.stream()
                .map(p -> ProductView.of(p, available.get(p.getString("_id"))))
                .toList());
    }
}
