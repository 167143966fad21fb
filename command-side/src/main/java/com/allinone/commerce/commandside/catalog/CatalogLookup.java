package com.allinone.commerce.commandside.catalog;

import com.allinone.commerce.api.common.Money;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads the command side's catalog lookup table. Blocking JDBC: callers run on a command-handling thread or a
 * bounded scheduler, never on the event loop.
 */
public class CatalogLookup {

    public record ListedProduct(String sku, String name, Money price, boolean discontinued) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public CatalogLookup(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The listed products among {@code skus}, by SKU; unknown SKUs are simply absent. */
    public Map<String, ListedProduct> find(Collection<String> skus) {
        List<ListedProduct> found = jdbc.query(
                "SELECT sku, name, price_amount, price_currency, discontinued FROM catalog_lookup WHERE sku IN (:skus)",
                new MapSqlParameterSource("skus", skus),
                (rs, i) -> new ListedProduct(rs.getString("sku"), rs.getString("name"),
                        new Money(rs.getLong("price_amount"), rs.getString("price_currency").trim()),
                        rs.getBoolean("discontinued")));
        return found.stream().collect(Collectors.toMap(ListedProduct::sku, Function.identity()));
    }

    public boolean exists(String sku) {
        return !find(List.of(sku)).isEmpty();
    }
}
