package com.allinone.commerce.readmodels.rebuild;

import java.util.List;
import java.util.function.Function;

/**
 * A read model that can be rebuilt blue/green: its public name, the processing group that keeps it live, its live
 * collection, how to make a projector that writes into another collection, and how to check a rebuilt shadow before
 * it is switched in. A projector may also write companion collections, named after its collection with a suffix
 * (the "my orders" index): they are rebuilt, switched and dropped with it.
 */
public record RebuildableReadModel(String name, String processingGroup, String collection,
                                   List<String> companionSuffixes, Function<String, Object> projectorInto,
                                   ShadowCheck check) {

    public RebuildableReadModel(String name, String processingGroup, String collection,
                                Function<String, Object> projectorInto, ShadowCheck check) {
        this(name, processingGroup, collection, List.of(), projectorInto, check);
    }

    /** The collection a rebuild writes into while the live one keeps serving. */
    public String shadowCollection() {
        return collection + "__rebuild";
    }
}
