package com.allinone.commerce.api.common;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based identifiers of an order flow. Deriving them, rather than generating them, is what makes a retried
 * request or a redelivered saga step land on the same aggregate instead of creating a second one.
 */
public final class FlowIds {

    private FlowIds() {
    }

    /** The order a customer's request with this idempotency key creates; another customer's key never reaches it. */
    public static String orderId(String customerId, String idempotencyKey) {
        return nameBased("order", customerId.length() + ":" + customerId + ":" + idempotencyKey);
    }

    /**
     * The Inventory aggregate's stream id. Not the bare SKU: that is already the Product's stream, and an event store
     * (JDBC or Axon Server) keeps one sequence per aggregate id whatever its type.
     */
    public static String inventoryId(String sku) {
        return "inventory:" + sku;
    }

    public static String paymentId(String orderId) {
        return nameBased("payment", orderId);
    }

    public static String shipmentId(String orderId) {
        return nameBased("shipment", orderId);
    }

    private static String nameBased(String namespace, String name) {
        return UUID.nameUUIDFromBytes((namespace + "|" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
