package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.productBody;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.axonconfig.web.NodeSecurityConfiguration;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tokens signed with the app's own secret, so the signature is right, but whose claims are not (issue 9): no
 * {@code sub}, no {@code exp}, {@code roles} that is not an array of role names. Each is a 401 problem naming the
 * claim, on every kind of endpoint, and nothing it asked for is stored. Also the role lists {@code /dev/tokens}
 * refuses.
 */
class TokenShapesIT extends StandaloneTestSupport {

    private static final int UNITS = 5;

    private Shop shop;
    private SkuCounters stockBefore;

    @BeforeEach
    void openAShop() {
        shop = openShop(UNITS, 10_000);
        stockBefore = stockOf(applicationContext, shop.sku);
    }

    /** Signs a raw JSON payload with the secret the app verifies tokens with, as /dev/tokens does (HS256). */
    private String signed(String payloadJson) {
        String secret = applicationContext.getEnvironment().getRequiredProperty(NodeSecurityConfiguration.JWT_SECRET);
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payloadJson));
            jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private static Map<String, Object> expectClaimRefused(WebTestClient.ResponseSpec response, String claim) {
        Map<String, Object> problem = expectProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(problem).as("problem %s", problem)
                .containsEntry("type", "/problems/unauthorized")
                .containsEntry("field", claim);
        assertThat((String) problem.get("detail")).startsWith(claim + ": ");
        return problem;
    }

    private void assertNothingTaken() {
        assertThat(stockOf(applicationContext, shop.sku)).as("the shop's stock").isEqualTo(stockBefore);
    }

    @Test
    void aTokenSignedLikeTheseWithEveryClaimRightPlacesAnOrder() {
        // The control: the tokens below fail for their claims, not for how they are signed.
        String customer = newSubject();
        String token = signed("""
                {"sub":"%s","exp":%d,"roles":["CUSTOMER"]}""".formatted(customer, inAnHour()));

        placeOrder(web, customer, token, newKey(), orderBody(shop.sku, 1));
    }

    // --- sub ---

    @Test
    void aTokenWithoutSubjectCannotPlaceAnOrder() {
        String token = signed("""
                {"exp":%d,"roles":["CUSTOMER"]}""".formatted(inAnHour()));

        expectClaimRefused(postOrder(web, token, newKey(), orderBody(shop.sku, 1)), "token.sub");
        assertNothingTaken();
    }

    @Test
    void aTokenWithoutSubjectCannotReadOrdersOrTheirStreamOrList() {
        String orderId = shop.order(1);
        String token = signed("""
                {"exp":%d,"roles":["CUSTOMER"]}""".formatted(inAnHour()));

        expectClaimRefused(web.get().uri("/api/me/orders/{id}", orderId)
                .headers(h -> h.setBearerAuth(token)).exchange(), "token.sub");
        expectClaimRefused(web.get().uri("/api/me/orders/{id}/events", orderId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token)).exchange(), "token.sub");
        // Not an empty list of nobody's orders.
        expectClaimRefused(web.get().uri("/api/me/orders")
                .headers(h -> h.setBearerAuth(token)).exchange(), "token.sub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \"", "\"al\\u0000ice\""})
    void aSubjectThatNamesNobodyIsRefused(String sub) {
        String token = signed("""
                {"sub":%s,"exp":%d,"roles":["CUSTOMER"]}""".formatted(sub, inAnHour()));

        expectClaimRefused(postOrder(web, token, newKey(), orderBody(shop.sku, 1)), "token.sub");
        assertNothingTaken();
    }

    // --- exp ---

    @Test
    void aTokenThatNeverExpiresIsRefused() {
        String customer = newSubject();
        String key = newKey();
        String token = signed("""
                {"sub":"%s","roles":["CUSTOMER"]}""".formatted(customer));

        expectClaimRefused(postOrder(web, token, key, orderBody(shop.sku, 1)), "token.exp");
        assertThat(eventsOf(FlowIds.orderId(customer, key))).isEmpty();
        assertNothingTaken();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String customer = newSubject();
        String key = newKey();
        String token = signed("""
                {"sub":"%s","exp":%d,"roles":["CUSTOMER"]}""".formatted(customer,
                Instant.now().minusSeconds(3600).getEpochSecond()));

        expectClaimRefused(postOrder(web, token, key, orderBody(shop.sku, 1)), "token.exp");
        assertThat(eventsOf(FlowIds.orderId(customer, key))).isEmpty();
    }

    // --- roles ---

    @Test
    void aRolesStringIsNotSplitIntoRoles() {
        // "CUSTOMER ADMIN" used to grant ADMIN.
        String sku = newSku();
        String token = signed("""
                {"sub":"%s","exp":%d,"roles":"CUSTOMER ADMIN"}""".formatted(newSubject(), inAnHour()));

        expectClaimRefused(web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, 1_000))
                .exchange(), "token.roles");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[123]", "[[\"CUSTOMER\"]]", "[null]", "[\"CUSTOMER\",null]", "[]", "[\"ROOT\"]",
            "[\"customer\"]", "\"CUSTOMER\"", "{\"CUSTOMER\":true}", "null"})
    void rolesThatAreNotAnArrayOfRoleNamesAreRefused(String roles) {
        String customer = newSubject();
        String key = newKey();
        String token = signed("""
                {"sub":"%s","exp":%d,"roles":%s}""".formatted(customer, inAnHour(), roles));

        expectClaimRefused(postOrder(web, token, key, orderBody(shop.sku, 1)), "token.roles");
        assertThat(eventsOf(FlowIds.orderId(customer, key))).isEmpty();
        assertNothingTaken();
    }

    @Test
    void aTokenWithoutRolesIsRefused() {
        String customer = newSubject();
        String token = signed("""
                {"sub":"%s","exp":%d}""".formatted(customer, inAnHour()));

        expectClaimRefused(web.get().uri("/api/me/orders").headers(h -> h.setBearerAuth(token)).exchange(),
                "token.roles");
    }

    @Test
    void aWellFormedTokenWithTheWrongRoleIsForbiddenAndStoresNothing() {
        String auditor = newSubject();
        String key = newKey();
        String token = signed("""
                {"sub":"%s","exp":%d,"roles":["AUDITOR"]}""".formatted(auditor, inAnHour()));

        Map<String, Object> problem = expectProblem(postOrder(web, token, key, orderBody(shop.sku, 1)),
                HttpStatus.FORBIDDEN);

        assertThat(problem).containsEntry("type", "/problems/forbidden");
        assertThat(eventsOf(FlowIds.orderId(auditor, key))).isEmpty();
        assertNothingTaken();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedWithoutNamingAClaim() throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("""
                {"sub":"%s","exp":%d,"roles":["ADMIN"]}""".formatted(newSubject(), inAnHour())));
        jws.sign(new MACSigner("another-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8)));

        Map<String, Object> problem = expectProblem(postOrder(web, jws.serialize(), newKey(),
                orderBody(shop.sku, 1)), HttpStatus.UNAUTHORIZED);

        assertThat(problem).containsEntry("type", "/problems/unauthorized").doesNotContainKey("field");
        assertNothingTaken();
    }

    // --- /dev/tokens ---

    @ParameterizedTest
    @ValueSource(strings = {"[null]", "[\"CUSTOMER\",null]", "[]", "[\"ROOT\"]", "[\"admin\"]", "\"ADMIN\"",
            "[[\"ADMIN\"]]", "[123]", "null", "{\"ADMIN\":true}"})
    void devTokensRefuseRoleListsThatAreNotRoleNames(String roles) {
        Map<String, Object> problem = expectProblem(web.post().uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"%s\",\"roles\":%s}".formatted(newSubject(), roles))
                .exchange(), HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "/problems/invalid-field");
        assertThat((String) problem.get("field")).as("problem %s", problem).startsWith("roles");
        assertThat(problem).doesNotContainKey("token");
    }
}
