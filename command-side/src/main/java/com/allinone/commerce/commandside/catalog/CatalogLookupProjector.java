package com.allinone.commerce.commandside.catalog;

import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Keeps {@code catalog_lookup} in step with Product events. It runs on the command node's SQL token store, so a row
 * and the token that covers it commit in one transaction; the {@code last_sequence} guard additionally makes a
 * replay (token reset) change nothing it already applied.
 */
@ProcessingGroup(CatalogLookupProjector.PROCESSING_GROUP)
public class CatalogLookupProjector {

    public static final String PROCESSING_GROUP = "catalog-lookup";

    private final NamedParameterJdbcTemplate jdbc;

    public CatalogLookupProjector(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductCreated event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO catalog_lookup (sku, name, price_amount, price_currency, discontinued, last_sequence)
                SELECT :sku, :name, :amount, :currency, FALSE, :seq
                WHERE NOT EXISTS (SELECT 1 FROM catalog_lookup WHERE sku = :sku)
                """, new MapSqlParameterSource()
                .addValue("sku", event.sku())
                .addValue("name", event.name())
                .addValue("amount", event.price().amount())
                .addValue("currency", event.price().currency())
                .addValue("seq", sequence));
    }

    @EventHandler
    void on(ProductPriceChanged event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE catalog_lookup SET price_amount = :amount, price_currency = :currency, last_sequence = :seq
                WHERE sku = :sku AND last_sequence < :seq
                """, new MapSqlParameterSource()
                .addValue("sku", event.sku())
                .addValue("amount", event.price().amount())
                .addValue("currency", event.price().currency())
                .addValue("seq", sequence));
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE catalog_lookup SET discontinued = TRUE, last_sequence = :seq
                WHERE sku = :sku AND last_sequence < :seq
                """, new MapSqlParameterSource().addValue("sku", event.sku()).addValue("seq", sequence));
    }
}
