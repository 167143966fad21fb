package com.allinone.commerce.axonconfig.processing;

import java.util.Set;

/**
 * Processing groups that belong to the query node (projectors). Each gets a pooled streaming processor whose tracking
 * tokens and dead letters live in MongoDB next to the read models it builds (DESIGN §2), instead of the SQL token
 * store every other processor of the process uses. Modules contribute one bean each.
 */
public record QueryNodeProcessingGroups(Set<String> names) {

    public QueryNodeProcessingGroups {
        names = Set.copyOf(names);
    }

    public static QueryNodeProcessingGroups of(String... names) {
        return new QueryNodeProcessingGroups(Set.of(names));
    }
}
