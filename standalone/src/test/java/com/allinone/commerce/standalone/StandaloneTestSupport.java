package com.allinone.commerce.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One standalone app for every integration test class that extends this one: the configuration is identical, so
 * Spring's test context cache starts it once. Metrics and tracing work as in production (Spring Boot's tests otherwise
 * turn every registry but the in-memory one off, and tracing too), so /actuator/prometheus and the spans, kept in
 * memory by {@link InMemorySpans}, can be tested.
 */
@AutoConfigureObservability
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "commerce.carrier.simulator.refused-postal-codes=" + StandaloneTestSupport.REFUSED_POSTAL_CODE,
                "commerce.payment.simulator.latency=20ms",
                // Small enough that a test holds a processor behind it with a few dozen events (HealthIT); no other
                // test asks for readiness.
                "commerce.health.max-processor-lag=" + StandaloneTestSupport.MAX_PROCESSOR_LAG})
@Import(InMemorySpans.class)
abstract class StandaloneTestSupport {

    static final Path DATA_DIR = CommerceApi.newDataDir("shared-");
    /** The simulated carrier does not deliver here. */
    static final String REFUSED_POSTAL_CODE = "99999";
    /** The simulated provider declines amounts above its default limit of 100,000,000. */
    static final long DECLINED_PRICE = 200_000_000;
    static final int MAX_PROCESSOR_LAG = 20;

    static {
        // Not @DynamicPropertySource: NodeEnvironmentDefaults and StandaloneDefaults read DATA_DIR in
        // EnvironmentPostProcessors, which run before the test framework adds dynamic properties (the H2 and Mongo
        // files then land in ./data). A system property is there from the start; the test class is initialized
        // before its context is loaded.
        System.setProperty("DATA_DIR", DATA_DIR.toString());
    }

    @Autowired
    ApplicationContext applicationContext;

    @Autowired
    private WebTestClient webTestClient;

    WebTestClient web;

    @BeforeEach
    void slowFirstRequestsAreNotFailures() {
        // The first commands warm up JDBC, Axon and Netty; the default 5 s is tight on a busy CI machine.
        web = webTestClient.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    String token(String subject, String... roles) {
        return CommerceApi.mintToken(web, subject, roles);
    }

    String adminToken() {
        return token(CommerceApi.unique("it-admin"), "ADMIN");
    }

    List<? extends DomainEventMessage<?>> eventsOf(String aggregateId) {
        return CommerceApi.eventsOf(applicationContext, aggregateId);
    }

    /** A fresh product with stock, an admin and a customer of its own. */
    Shop openShop(int units, long price) {
        String admin = adminToken();
        String sku = CommerceApi.newSku();
        CommerceApi.createProduct(web, admin, sku, price);
        CommerceApi.receiveStock(web, admin, sku, units);
        String customer = CommerceApi.newSubject();
        return new Shop(sku, admin, customer, token(customer, "CUSTOMER"));
    }

    final class Shop {
        final String sku;
        final String admin;
        final String customer;
        final String customerToken;

        Shop(String sku, String admin, String customer, String customerToken) {
            this.sku = sku;
            this.admin = admin;
            this.customer = customer;
            this.customerToken = customerToken;
        }

        /** Places an order of this product that must be accepted; answers its orderId. */
        String order(int quantity) {
            return CommerceApi.placeOrder(web, customer, customerToken, CommerceApi.newKey(),
                    CommerceApi.orderBody(sku, quantity));
        }
    }
}
