package com.allinone.commerce.commandside.catalog;

import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The same projection, on a subscribing processor: it writes the lookup row inside the transaction that appends the
 * Product event, so an order or a stock receipt sent right after creating a product already finds it. Subscribing
 * processors only see events appended by this process, so the tracking {@link CatalogLookupProjector} stays too:
 * it brings in products created on other command nodes, and both writers are idempotent by sequence.
 */
@ProcessingGroup(ImmediateCatalogLookupProjector.PROCESSING_GROUP)
public class ImmediateCatalogLookupProjector extends CatalogLookupProjector {

    public static final String PROCESSING_GROUP = "catalog-lookup-immediate";

    public ImmediateCatalogLookupProjector(NamedParameterJdbcTemplate jdbc) {
        super(jdbc);
    }
}
