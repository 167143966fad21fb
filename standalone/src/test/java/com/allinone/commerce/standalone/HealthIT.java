package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.HealthProbes.HEALTH;
import static com.allinone.commerce.standalone.HealthProbes.LIVENESS;
import static com.allinone.commerce.standalone.HealthProbes.READINESS;
import static com.allinone.commerce.standalone.HealthProbes.ask;
import static com.allinone.commerce.standalone.HealthProbes.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.axonconfig.health.HealthSettings;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Health on a node (README "Operating it"): anyone learns whether it is up, only ADMIN learns why not; liveness is
 * the process alone, readiness also its stores and how far its event processors are behind.
 */
class HealthIT extends StandaloneTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A projector that handles only order events: holding it back disturbs no product or stock flow. */
    private static final String HELD_BACK = "order-timeline";

    @Test
    void anonymousCallersLearnOnlyWhetherTheNodeIsUp() {
        Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 200);
        for (String path : new String[] {HEALTH, LIVENESS, READINESS}) {
            HealthProbes.Answer answer = ask(web, path, null);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).containsEntry("status", "UP")
                    .doesNotContainKeys("components", "details");
        }
    }

    @Test
    void customersLearnNoMoreThanAnonymousCallers() {
        HealthProbes.Answer answer = ask(web, READINESS, token(CommerceApi.newSubject(), "CUSTOMER"));
        assertThat(answer.body()).containsKey("status").doesNotContainKeys("components", "details");
    }

    @Test
    void adminsSeeWhatReadinessChecks() {
        String admin = adminToken();
        Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 200);

        HealthProbes.Answer readiness = ask(web, READINESS, admin);
        assertThat(readiness.body()).containsEntry("status", "UP");
        assertThat(readiness.components()).containsOnlyKeys(
                "readinessState", "db", "mongo", "redis", "eventProcessors");
        assertThat(processorDetails(readiness, HELD_BACK)).containsEntry("replaying", false);
        assertThat(processorDetails(readiness, "OrderFulfillmentSagaProcessor")).containsEntry("running", true);

        // Boot's own liveness group (the application's state alone) lists no components, not even to ADMIN.
        assertThat(ask(web, LIVENESS, admin).body()).containsOnlyKeys("status");
    }

    @Test
    void otherActuatorEndpointsAreForAdminsOnly() {
        expectProblem(web.get().uri("/actuator/metrics").exchange(), HttpStatus.UNAUTHORIZED);
        expectProblem(web.get().uri("/actuator/env").exchange(), HttpStatus.UNAUTHORIZED);
        expectProblem(web.get().uri("/actuator").exchange(), HttpStatus.UNAUTHORIZED);
        String customer = token(CommerceApi.newSubject(), "CUSTOMER");
        expectProblem(web.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(customer)).exchange(),
                HttpStatus.FORBIDDEN);
        web.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(adminToken())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aProcessorHeldBehindMakesTheNodeUnreadyButLeavesItLiveUntilItCatchesUp() {
        String admin = adminToken();
        long maxLag = applicationContext.getBean(HealthSettings.class).maxProcessorLag();
        Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 200);
        EventProcessor projector = applicationContext.getBean(EventProcessingConfiguration.class)
                .eventProcessor(HELD_BACK).orElseThrow();

        projector.shutDown();
        try {
            for (int i = 0; i <= maxLag; i++) {
                createProduct(web, admin, newSku(), 1_000);
            }
            Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 503);
            HealthProbes.Answer readiness = ask(web, READINESS, admin);
            assertThat(readiness.component("eventProcessors")).containsEntry("status", "DOWN");
            assertThat(readiness.component("db")).containsEntry("status", "UP");
            assertThat(ask(web, LIVENESS, null).status()).isEqualTo(200);
        } finally {
            projector.start();
        }

        // Ready again only once it holds its segments and has caught up, not merely because it runs.
        Awaitility.await().atMost(WAIT).until(() -> {
            HealthProbes.Answer readiness = ask(web, READINESS, admin);
            Map<String, Object> heldBack = processorDetails(readiness, HELD_BACK);
            return readiness.status() == 200 && ((Number) heldBack.get("segments")).intValue() > 0
                    && ((Number) heldBack.get("lag")).longValue() <= maxLag;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> processorDetails(HealthProbes.Answer readiness, String processor) {
        Map<String, Object> details = (Map<String, Object>) readiness.component("eventProcessors").get("details");
        return (Map<String, Object>) ((Map<String, Object>) details.get("processors")).get(processor);
    }
}
