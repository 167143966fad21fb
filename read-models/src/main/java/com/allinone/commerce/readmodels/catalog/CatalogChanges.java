package com.allinone.commerce.readmodels.catalog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells this node's catalog readers which product's document just changed, once the change is durable, so a copy they
 * keep in memory is dropped at once instead of when it expires. Listeners are called on the projector's thread, after
 * its batch is written: they must be quick and must not block. Changes another query node projected never come
 * through here; readers bound their staleness for those themselves.
 */
public class CatalogChanges {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    void changed(String sku) {
        listeners.forEach(listener -> listener.accept(sku));
    }
}
