package com.allinone.commerce.readmodels.verify;

import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.util.Objects;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * What a check verifies: a collection in the shape of {@code my_orders}, how far the projector that builds it has
 * come (to tell a document that lags from one that is missing), and optionally the admin figures derived from it.
 *
 * @param myOrdersCollection the live {@code my_orders}, or a shadow being rebuilt next to it
 * @param progress           of the projector writing that collection
 * @param adminStats         recomputes the admin figures from that collection and answers their summary document;
 *                           null to leave the figures out (a shadow has none of its own)
 */
public record ReadModelTarget(String myOrdersCollection, ProjectorProgress progress, FreshAdminStats adminStats) {

    /** Recomputes the admin figures now and answers the stored summary ({@code ordersPerDay} with per-status counts). */
    @FunctionalInterface
    public interface FreshAdminStats {
        Mono<Document> refresh();
    }

    public ReadModelTarget {
        Objects.requireNonNull(myOrdersCollection, "myOrdersCollection");
        Objects.requireNonNull(progress, "progress");
    }

    /** The read models the storefront and the dashboards serve: {@code my_orders} and {@code admin_stats}. */
    public static ReadModelTarget live(EventProcessingConfiguration processing, AdminStatsRefresher adminStats) {
        return new ReadModelTarget(MyOrdersProjector.COLLECTION,
                ProjectorProgress.ofProcessingGroup(processing, MyOrdersProjector.PROCESSING_GROUP),
                adminStats::refresh);
    }

    /** A collection rebuilt beside the live one (blue/green), by a projector whose progress is given. */
    public static ReadModelTarget shadow(String myOrdersCollection, ProjectorProgress progress) {
        return new ReadModelTarget(myOrdersCollection, progress, null);
    }
}
