package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.ADDRESS_FIELD;
import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectInvalidField;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.payloadTypes;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.productBody;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every kind of bad request answers its own 4xx as problem details, never a 500; a refused order leaves nothing in
 * the event store.
 */
class BadInputIT extends StandaloneTestSupport {

    private String adminToken;
    private String customer;
    private String customerToken;
    private String listedSku;
    private String discontinuedSku;

    @BeforeEach
    void listAProductAndDiscontinueAnother() {
        adminToken = adminToken();
        customer = newSubject();
        customerToken = token(customer, "CUSTOMER");
        listedSku = newSku();
        createProduct(web, adminToken, listedSku, 129_000);
        receiveStock(web, adminToken, listedSku, 100);
        discontinuedSku = newSku();
        createProduct(web, adminToken, discontinuedSku, 59_000);
        web.post().uri("/api/products/{sku}/discontinue", discontinuedSku)
                .headers(h -> h.setBearerAuth(adminToken))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(Void.class);
    }

    // --- order bodies ---

    @ParameterizedTest
    @ValueSource(strings = {"{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}", "lines=1", "{lines: [1]}"})
    void malformedJsonIsABadRequestAboutTheBody(String body) {
        String key = newKey();
        expectInvalidField(postOrder(web, customerToken, key, body), "body");
        assertNothingPlaced(key);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        String key = newKey();
        Map<String, Object> problem = expectProblem(web.post().uri("/api/orders")
                        .headers(h -> {
                            h.setBearerAuth(customerToken);
                            h.set("Idempotency-Key", key);
                        })
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue(orderBody(listedSku, 1))
                        .exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(problem).containsEntry("type", "/problems/unsupported-media-type");
        assertNothingPlaced(key);
    }

    @Test
    void anOrderWithoutIdempotencyKeyIsABadRequestNamingTheHeader() {
        expectInvalidField(web.post().uri("/api/orders")
                .headers(h -> h.setBearerAuth(customerToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(orderBody(listedSku, 1))
                .exchange(), "Idempotency-Key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{%s}",
            "{\"lines\":null,%s}",
            "{\"lines\":[],%s}"})
    void anOrderWithoutLinesIsABadRequestNamingLines(String template) {
        String key = newKey();
        expectInvalidField(postOrder(web, customerToken, key, template.formatted(ADDRESS_FIELD)), "lines");
        assertNothingPlaced(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1000", "\"two\"", "1.5"})
    void aQuantityOutsideOneTo999IsABadRequestNamingIt(String quantity) {
        String key = newKey();
        String body = """
                {"lines":[{"sku":"%s","quantity":%s}],%s}""".formatted(listedSku, quantity, ADDRESS_FIELD);
        expectInvalidField(postOrder(web, customerToken, key, body), "lines[0].quantity");
        assertNothingPlaced(key);
    }

    @Test
    void twoLinesForOneSkuAreABadRequestNamingTheSecond() {
        String key = newKey();
        String body = """
                {"lines":[{"sku":"%1$s","quantity":1},{"sku":"%1$s","quantity":2}],%2$s}"""
                .formatted(listedSku, ADDRESS_FIELD);
        expectInvalidField(postOrder(web, customerToken, key, body), "lines[1].sku");
        assertNothingPlaced(key);
    }

    @Test
    void anUnknownSkuIsUnprocessable() {
        String key = newKey();
        Map<String, Object> problem = expectProblem(postOrder(web, customerToken, key, orderBody(newSku(), 1)),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(problem).containsEntry("type", "/problems/unknown-product");
        assertNothingPlaced(key);
    }

    @Test
    void aDiscontinuedSkuIsUnprocessable() {
        String key = newKey();
        Map<String, Object> problem = expectProblem(
                postOrder(web, customerToken, key, orderBody(discontinuedSku, 1)), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(problem).containsEntry("type", "/problems/product-discontinued");
        assertNothingPlaced(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"lines":[{"sku":"@SKU@","quantity":1}],"price":{"amount":1,"currency":"KRW"},@ADDRESS@} | price
            {"lines":[{"sku":"@SKU@","quantity":1}],"total":{"amount":1,"currency":"KRW"},@ADDRESS@} | total
            {"lines":[{"sku":"@SKU@","quantity":1}],"customerId":"someone-else",@ADDRESS@}          | customerId
            {"lines":[{"sku":"@SKU@","quantity":1,"price":{"amount":1,"currency":"KRW"}}],@ADDRESS@} | lines[0].price
            {"lines":[{"sku":"@SKU@","quantity":1}],"status":"PAID",@ADDRESS@}                      | status
            """)
    void fieldsAClientMayNotSetAreABadRequestNamingThem(String template, String field) {
        String key = newKey();
        String body = template.replace("@SKU@", listedSku).replace("@ADDRESS@", ADDRESS_FIELD);
        expectInvalidField(postOrder(web, customerToken, key, body), field);
        assertNothingPlaced(key);
    }

    /**
     * Prices are the catalog's, not the client's, but a total that no longer fits the amount type is still a request
     * the API must refuse as such (DESIGN §7: a rule violation is a 4xx, never a 500), placing nothing.
     */
    @Test
    void aPriceAboveTheListPriceCapIsABadRequestNamingTheAmount() {
        String sku = newSku();
        expectInvalidField(web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, 9_000_000_000_000_000_000L))
                .exchange(), "price.amount");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @Test
    void theLargestOrderOfTheMostExpensiveProductIsPricedWithoutOverflow() {
        String sku = newSku();
        createProduct(web, adminToken, sku, Money.MAX_LIST_PRICE);
        String key = newKey();

        // Priced without overflow: the order gets as far as the stock gate, which has none of it.
        Map<String, Object> problem = expectProblem(postOrder(web, customerToken, key,
                orderBody(sku, OrderLine.MAX_QUANTITY)), HttpStatus.CONFLICT);
        assertThat(problem).containsEntry("type", "/problems/out-of-stock");
    }

    // --- who may call what ---

    @Test
    void noTokenIsUnauthorized() {
        String key = newKey();
        Map<String, Object> problem = expectProblem(web.post().uri("/api/orders")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(orderBody(listedSku, 1))
                .exchange(), HttpStatus.UNAUTHORIZED);
        assertThat(problem).containsEntry("type", "/problems/unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl"})
    void aGarbageTokenIsUnauthorized(String token) {
        String key = newKey();
        Map<String, Object> problem = expectProblem(postOrder(web, token, key, orderBody(listedSku, 1)),
                HttpStatus.UNAUTHORIZED);
        assertThat(problem).containsEntry("type", "/problems/unauthorized");
    }

    @Test
    void aCustomerCannotCreateProducts() {
        String sku = newSku();
        Map<String, Object> problem = expectProblem(web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(customerToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, 1_000))
                .exchange(), HttpStatus.FORBIDDEN);
        assertThat(problem).containsEntry("type", "/problems/forbidden");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @Test
    void anAdminCannotPlaceOrders() {
        String admin = newSubject();
        String key = newKey();
        Map<String, Object> problem = expectProblem(
                postOrder(web, token(admin, "ADMIN"), key, orderBody(listedSku, 1)), HttpStatus.FORBIDDEN);
        assertThat(problem).containsEntry("type", "/problems/forbidden");
        assertThat(eventsOf(FlowIds.orderId(admin, key))).isEmpty();
    }

    @Test
    void anotherCustomersOrderCannotBeCancelledAndDoesNotExistForThem() {
        String orderId = placeOrder(web, customer, customerToken, newKey(), orderBody(listedSku, 1));
        String intruder = newSubject();

        Map<String, Object> problem = expectProblem(cancelOrder(web, token(intruder, "CUSTOMER"), orderId),
                HttpStatus.NOT_FOUND);

        assertThat(problem).containsEntry("type", "/problems/not-found");
        assertThat(count(eventsOf(orderId), OrderCancellationRequested.class)).isZero();
    }

    @Test
    void anUnknownOrderCannotBeCancelled() {
        String unknown = FlowIds.orderId(customer, newKey());
        Map<String, Object> problem = expectProblem(cancelOrder(web, customerToken, unknown), HttpStatus.NOT_FOUND);
        assertThat(problem).containsEntry("type", "/problems/not-found");
        assertThat(eventsOf(unknown)).isEmpty();
    }

    // --- admin bodies ---

    @Test
    void aProductPricedAtZeroIsABadRequestNamingTheAmount() {
        String sku = newSku();
        expectInvalidField(web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, 0))
                .exchange(), "price.amount");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1_000_001})
    void aReceiptQuantityOutsideOneToAMillionIsABadRequestNamingIt(int quantity) {
        expectInvalidField(receipt(listedSku, quantity), "quantity");
        assertThat(payloadTypesOfInventory(listedSku)).hasSize(1);
    }

    @Test
    void aReceiptForAnUnknownSkuIsNotFound() {
        String sku = newSku();
        Map<String, Object> problem = expectProblem(receipt(sku, 10), HttpStatus.NOT_FOUND);
        assertThat(problem).containsEntry("type", "/problems/unknown-product");
        assertThat(eventsOf(FlowIds.inventoryId(sku))).isEmpty();
    }

    private WebTestClient.ResponseSpec receipt(String sku, int quantity) {
        return web.post().uri("/api/inventory/{sku}/receipts", sku)
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", quantity, "reason", "delivery"))
                .exchange();
    }

    private List<Class<?>> payloadTypesOfInventory(String sku) {
        return payloadTypes(eventsOf(FlowIds.inventoryId(sku)));
    }

    private void assertNothingPlaced(String idempotencyKey) {
        assertThat(eventsOf(FlowIds.orderId(customer, idempotencyKey)))
                .as("events of the order the refused request would have placed")
                .isEmpty();
    }
}
