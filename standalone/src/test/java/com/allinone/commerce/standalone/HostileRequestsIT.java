package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.ADDRESS_FIELD;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.payloadTypes;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.productBody;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.common.FlowIds;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
 * What an attacker tried (issue 9), and the class each attempt stands for, through the running app: every request
 * the API refuses answers a 4xx {@code application/problem+json} with a stable type, naming the header, parameter or
 * JSON path at fault in our words (never a class name, never an empty body, never a 5xx), and leaves nothing
 * stored. Requests no HTTP client agrees to send go over a raw socket ({@link RawHttp}).
 */
class HostileRequestsIT extends StandaloneTestSupport {

    /** Anything that would tell a client what runs here. */
    private static final Pattern JAVA_OR_JACKSON = Pattern.compile(
            "\\b(java|javax|jakarta|com|org|io|reactor)\\.[a-z]|Exception|Jackson|JsonReadFeature|StreamRead"
                    + "|\\bclass\\b|\\bString\\b|\\bint\\b");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bytes of header values Netty reads as ISO-8859-1 characters U+0080-U+009F, C1 controls. */
    private static final List<byte[]> C1_VALUES = List.of(new byte[] {'k', (byte) 0x80},
            "주문-가".getBytes(StandardCharsets.UTF_8), "一".getBytes(StandardCharsets.UTF_8),
            new byte[] {'k', (byte) 0x9f, 'k'});

    /** One listed product with stock, so that a wrongly accepted order would be stored, not refused for stock. */
    private static Fixture fixture;

    private record Fixture(String sku, String admin, String customer, String customerToken) {
    }

    @BeforeEach
    void listAProductWithStockOnce() {
        if (fixture == null) {
            String admin = adminToken();
            String sku = newSku();
            createProduct(web, admin, sku, 12_000);
            receiveStock(web, admin, sku, 1_000);
            String customer = newSubject();
            fixture = new Fixture(sku, admin, customer, token(customer, "CUSTOMER"));
        }
    }

    // --- header bytes, before anything reads them ---

    @ParameterizedTest
    @CsvSource({"order, Idempotency-Key", "order, Authorization", "receipt, Idempotency-Key",
            "adjustment, Idempotency-Key", "events, Last-Event-ID", "tokens, Content-Type", "catalog, X-Anything",
            "catalog, Accept"})
    void aHeaderValueWithBytes0x80To0x9FIsABadRequestNamingTheHeader(String endpoint, String header) {
        for (byte[] bad : C1_VALUES) {
            int inventoryEvents = inventoryEvents();
            String key = newKey();
            RawHttp request = request(endpoint, key);
            byte[] prefix = switch (header) {
                case "Authorization" -> "Bearer ".getBytes(StandardCharsets.US_ASCII);
                case "Content-Type", "Accept" -> "application/json".getBytes(StandardCharsets.US_ASCII);
                default -> new byte[0];
            };
            request.header(header, concat(prefix, bad));
            if ("Idempotency-Key".equals(header)) {
                key = new String(bad, StandardCharsets.ISO_8859_1); // what the key would have been taken for
            }

            expectProblem(request.send(), HttpStatus.BAD_REQUEST, "/problems/invalid-field", header);

            assertThat(eventsOf(FlowIds.orderId(fixture.customer(), key))).isEmpty();
            assertThat(inventoryEvents()).isEqualTo(inventoryEvents);
        }
    }

    /** Netty refuses these itself and cannot say which header; a C1 control is named by the app. */
    @ParameterizedTest
    @CsvSource({"00, headers", "0d, headers", "7f, headers", "1b, headers", "01, headers", "85, X-Note"})
    void aControlCharacterInAHeaderValueIsABadRequest(String hex, String field) {
        for (String endpoint : List.of("order", "catalog", "tokens")) {
            String key = newKey();
            RawHttp request = request(endpoint, key)
                    .header("X-Note", new byte[] {'a', (byte) Integer.parseInt(hex, 16), 'b'});

            expectProblem(request.send(), HttpStatus.BAD_REQUEST, "/problems/invalid-field", field);

            assertThat(eventsOf(FlowIds.orderId(fixture.customer(), key))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Note", "X-Note\u0001", "X-Not\u00e9(", "X-\u0085"})
    void aHeaderNameHttpDoesNotAllowIsABadRequestAboutTheHeaders(String name) {
        RawHttp request = RawHttp.to(port()).request("GET", "/api/products")
                .header(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), "a");

        expectProblem(request.send(), HttpStatus.BAD_REQUEST, "/problems/invalid-field", "headers");
    }

    // --- Netty's limits ---

    @ParameterizedTest
    @ValueSource(strings = {"/api/products/%s", "/api/products?category=%s", "/api/me/orders/%s/events"})
    void aRequestLineOverTheLimitIsUriTooLong(String template) {
        RawHttp request = RawHttp.to(port()).request("GET", template.formatted("a".repeat(5_000)));

        expectProblem(request.send(), HttpStatus.URI_TOO_LONG, "/problems/uri-too-long", "uri");
    }

    @Test
    void headersOverTheLimitAreTooLargeEvenABearerToken() {
        expectProblem(RawHttp.to(port()).request("GET", "/api/products").header("X-Pad", "a".repeat(9 * 1024))
                .send(), HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "/problems/headers-too-large", "headers");

        String key = newKey();
        RawHttp order = request("order", key).header("Authorization", "Bearer " + "a".repeat(100 * 1024));
        expectProblem(order.send(), HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "/problems/headers-too-large",
                "headers");
        assertThat(eventsOf(FlowIds.orderId(fixture.customer(), key))).isEmpty();
    }

    // --- the security firewall ---

    @ParameterizedTest
    @ValueSource(strings = {"/api/products/%2e%2e/x", "/api/products/%2E%2E%2Fapi%2Fadmin", "/api/products/a%2fb",
            "/api/products/a%00", "/api/products/a%0d%0aSet-Cookie:x", "/api/products/a%0a", "/api/products//a",
            "/api/products/a;jsessionid=1", "/api/products/a%3bb", "/api/products/a%25", "/api/products/a%5cb",
            "/api/products/./a", "/api/products/../api/admin/stats", "/api/me/orders/%2e%2e", "/dev/tokens/.",
            "/api/orders%2f"})
    void aPathThatCouldMeanTwoThingsIsABadRequestNamingThePath(String path) {
        RawHttp.Answer answer = RawHttp.to(port()).request("GET", path).send();

        Map<String, Object> problem = expectProblem(answer, HttpStatus.BAD_REQUEST, "/problems/invalid-field", "path");
        assertThat(problem).as("the refused path is not echoed").doesNotContainKey("instance");
    }

    @ParameterizedTest
    @CsvSource({"TRACE, /api/products", "TRACE, /api/orders", "TRACK, /api/products", "PROPFIND, /api/me/orders",
            "CONNECT, /api/products"})
    void aMethodOutsideTheUsualSevenIsNotAllowed(String method, String path) {
        expectProblem(RawHttp.to(port()).request(method, path).send(), HttpStatus.METHOD_NOT_ALLOWED,
                "/problems/method-not-allowed", "method");
    }

    // --- requests that are not HTTP, or not a URI ---

    @ParameterizedTest
    @ValueSource(strings = {"/api/products/a{b}", "/api/products?category=a|b", "/api/products/a%zz",
            "/api/products/a\"b", "/api/products/a<b>", "/api/me/orders/a^b"})
    void aTargetThatIsNoUriIsABadRequestNamingTheUri(String target) {
        expectProblem(RawHttp.to(port()).request("GET", target).send(), HttpStatus.BAD_REQUEST,
                "/problems/invalid-field", "uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO\r\n\r\n",
            "POST /dev/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
            "GET /api/products HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"})
    void whatIsNotHttpIsAMalformedRequest(String raw) {
        RawHttp.Answer answer = RawHttp.exchange(port(), raw.getBytes(StandardCharsets.US_ASCII));

        expectProblem(answer, HttpStatus.BAD_REQUEST, null, null);
        assertThat(problemOf(answer).get("type")).isIn("/problems/malformed-request", "/problems/invalid-field");
    }

    // --- content negotiation ---

    @ParameterizedTest
    @ValueSource(strings = {"é/x", "garbage", "*/*;q=abc", "application/json;q=2", "text/html"})
    void anAcceptNoAnswerCanMeetIsNotAcceptableNamingIt(String accept) {
        for (String endpoint : List.of("catalog", "myOrders")) {
            RawHttp request = request(endpoint, newKey()).header("Accept", accept);

            expectProblem(request.send(), HttpStatus.NOT_ACCEPTABLE, "/problems/not-acceptable", "Accept");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json;charset=nope", "application/json;q=abc", "text/plain",
            "application/xml"})
    void aContentTypeThatIsNotJsonIsUnsupportedNamingIt(String contentType) {
        for (String endpoint : List.of("order", "receipt", "tokens")) {
            int inventoryEvents = inventoryEvents();
            String key = newKey();
            RawHttp request = request(endpoint, key).header("Content-Type", contentType);

            expectProblem(request.send(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "/problems/unsupported-media-type",
                    "Content-Type");

            assertThat(eventsOf(FlowIds.orderId(fixture.customer(), key))).isEmpty();
            assertThat(inventoryEvents()).isEqualTo(inventoryEvents);
        }
    }

    // --- strict JSON ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"lines":[{"sku":"@SKU@","quantity":1,"quantity":2}],@ADDRESS@}                       | lines[0].quantity
            {"lines":[{"sku":"@SKU@","sku":"@SKU@","quantity":1}],@ADDRESS@}                      | lines[0].sku
            {"lines":[{"sku":"@SKU@","quantity":1}],"lines":[{"sku":"@SKU@","quantity":2}],@ADDRESS@} | lines
            {"lines":[{"sku":"@SKU@","quantity":1}],@ADDRESS@,"shippingAddress":{}}               | shippingAddress
            """)
    void aFieldSentTwiceIsABadRequestNamingIt(String template, String field) {
        expectOrderRefused(template.replace("@SKU@", fixture.sku()).replace("@ADDRESS@", ADDRESS_FIELD), field);
        String address = ADDRESS_FIELD.replace("\"city\":\"Seoul\"", "\"city\":\"Seoul\",\"city\":\"Busan\"");
        expectOrderRefused("{\"lines\":[{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1}]," + address + "}",
                "shippingAddress.city");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "{\"a\":1}", "[]", " 1", "}", "{\"lines\":[]}", "\"\"", "null"})
    void anythingAfterTheJsonDocumentIsABadRequestAboutTheBody(String trailing) {
        expectOrderRefused(orderBody(fixture.sku(), 1) + trailing, "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "\"\"", "\" 1\"", "true", "\"0x1\"", "[1]", "{}"})
    void aQuantityMustBeAJsonNumber(String quantity) {
        expectOrderRefused("""
                {"lines":[{"sku":"%s","quantity":%s}],%s}""".formatted(fixture.sku(), quantity, ADDRESS_FIELD),
                "lines[0].quantity");
    }

    @Test
    void everyNumberOfEveryBodyMustBeAJsonNumber() {
        expectAdminRefused(() -> post("/api/inventory/{sku}/receipts", "{\"quantity\":\"5\",\"reason\":\"in\"}"),
                "quantity");
        expectAdminRefused(() -> post("/api/inventory/{sku}/adjustments", "{\"delta\":\"-1\",\"reason\":\"count\"}"),
                "delta");
        expectAdminRefused(() -> put("/api/products/{sku}/price", "{\"amount\":\"100\",\"currency\":\"KRW\"}"),
                "amount");
        String sku = newSku();
        expectInvalidField(post("/api/products", productBody(sku, 100).replace("\"amount\":100", "\"amount\":\"100\"")),
                "price.amount");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @Test
    void everyTextOfEveryBodyMustBeAJsonString() {
        expectOrderRefused(orderBody(fixture.sku(), 1).replace("\"Kim Minji\"", "123"), "shippingAddress.name");
        expectOrderRefused(orderBody(fixture.sku(), 1).replace("\"KR\"", "true"), "shippingAddress.country");
        expectOrderRefused("""
                {"lines":[{"sku":12,"quantity":1}],%s}""".formatted(ADDRESS_FIELD), "lines[0].sku");
        expectAdminRefused(() -> post("/api/inventory/{sku}/receipts", "{\"quantity\":5,\"reason\":5}"), "reason");
        String sku = newSku();
        expectInvalidField(post("/api/products", productBody(sku, 100).replace("\"Runner\"", "[\"Runner\"]")),
                "name");
        assertThat(eventsOf(sku)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u001f", "\\n", "\\r", "\\t", "\\u007f", "\\u0085", "\\u2028", "\\u2029",
            "\\u202e", "\\u2066", "\\u200f"})
    void aControlCharacterInAnyTextOfAnOrderIsABadRequestNamingTheField(String escaped) {
        for (String field : List.of("name", "line1", "city", "postalCode")) {
            String address = ADDRESS_FIELD.replace("\"" + field + "\":\"", "\"" + field + "\":\"a" + escaped);
            expectOrderRefused("{\"lines\":[{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1}]," + address + "}",
                    "shippingAddress." + field);
        }
        String withLine2 = ADDRESS_FIELD.replace("\"city\"", "\"line2\":\"Apt " + escaped + "1\",\"city\"");
        expectOrderRefused("{\"lines\":[{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1}]," + withLine2 + "}",
                "shippingAddress.line2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\u0085", "\\u2028", "\\u202e"})
    void aControlCharacterInAProductOrAStockReasonIsABadRequestNamingTheField(String escaped) {
        Map<String, String> texts = Map.of("name", "\"Runner\"", "description", "\"A light running shoe\"",
                "category", "\"shoes\"");
        texts.forEach((field, original) -> {
            String sku = newSku();
            String spoilt = original.substring(0, original.length() - 1) + escaped + "\"";
            if (field.equals("description") && escaped.equals("\\n")) {
                // A description is prose in paragraphs: a line break is text there.
                post("/api/products", productBody(sku, 100).replace(original, spoilt)).expectStatus().isAccepted();
                return;
            }
            expectInvalidField(post("/api/products", productBody(sku, 100).replace(original, spoilt)), field);
            assertThat(eventsOf(sku)).isEmpty();
        });
        expectAdminRefused(() -> post("/api/inventory/{sku}/receipts",
                "{\"quantity\":5,\"reason\":\"in" + escaped + "\"}"), "reason");
        expectAdminRefused(() -> post("/api/inventory/{sku}/adjustments",
                "{\"delta\":1,\"reason\":\"count" + escaped + "\"}"), "reason");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NAN", "LEADING_ZERO", "SINGLE_QUOTES", "COMMENT", "UNQUOTED_NAME", "NESTED_1001",
            "NOT_AN_OBJECT"})
    void jsonOnlyALenientParserWouldReadIsABadRequestInOurWords(String kind) {
        String body = switch (kind) {
            case "NAN" -> orderBody(fixture.sku(), 1).replace("\"quantity\":1", "\"quantity\":NaN");
            case "LEADING_ZERO" -> orderBody(fixture.sku(), 1).replace("\"quantity\":1", "\"quantity\":01");
            case "SINGLE_QUOTES" -> orderBody(fixture.sku(), 1).replace("\"" + fixture.sku() + "\"",
                    "'" + fixture.sku() + "'");
            case "COMMENT" -> "/* hi */" + orderBody(fixture.sku(), 1);
            case "UNQUOTED_NAME" -> orderBody(fixture.sku(), 1).replace("\"lines\"", "lines");
            case "NESTED_1001" -> "[".repeat(1001) + "]".repeat(1001);
            default -> "[" + orderBody(fixture.sku(), 1) + "]";
        };
        expectOrderRefused(body, "body");
    }

    // --- money ---

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XDR"})
    void aProductIsPricedInMoneyNotInACodeWithoutMinorUnits(String currency) {
        String sku = newSku();
        expectInvalidField(post("/api/products",
                productBody(sku, 100).replace("\"currency\":\"KRW\"", "\"currency\":\"" + currency + "\"")),
                "price.currency");
        assertThat(eventsOf(sku)).isEmpty();

        expectAdminRefused(() -> put("/api/products/{sku}/price",
                "{\"amount\":100,\"currency\":\"" + currency + "\"}"), "price.currency");
        assertThat(payloadTypes(eventsOf(fixture.sku()))).containsExactly(ProductCreated.class);
    }

    // --- query parameters ---

    @ParameterizedTest
    @CsvSource({
            "ADMIN, /api/admin/sagas?stuckFor=PT99999999999999H, stuckFor",
            "ADMIN, /api/admin/sagas?stuckFor=-PT99999999999999H, stuckFor",
            "ADMIN, /api/admin/sagas?stuckFor=P99999D, stuckFor",
            "ADMIN, /api/admin/sagas?stuckFor=PT9223372036854775807S, stuckFor",
            "ADMIN, /api/admin/sagas?limit=99999999999, limit",
            "ADMIN, /api/admin/sagas?limit=0, limit",
            "ADMIN, /api/admin/sagas?active=maybe, active",
            "ADMIN, /api/admin/sagas?cursor=djE, cursor",
            "ADMIN, /api/admin/stats?lowStockBelow=99999999999, lowStockBelow",
            "ADMIN, /api/admin/stats?lowStockBelow=1e3, lowStockBelow",
            "ANYONE, /api/products?limit=99999999999, limit",
            "ANYONE, /api/products?limit=-2147483649, limit",
            "ANYONE, /api/products?cursor=%%%%, cursor",
            "ANYONE, /api/products?%01=1, query",
            "CUSTOMER, /api/me/orders?limit=99999999999, limit",
            "CUSTOMER, /api/me/orders?cursor=djEKOTk5OTk5OTk5OTk5OTk5OTk5OTkKeA, cursor",
            "CUSTOMER, /api/me/orders/o-1?after=99999999999999999999, after",
            "CUSTOMER, /api/me/orders/o-1?after=-1, after"})
    void aQueryParameterOutOfItsRangeIsABadRequestNamingIt(String role, String pathAndQuery, String field) {
        // As sent, not re-encoded: "%01" stays a control character in a parameter name.
        WebTestClient.RequestHeadersSpec<?> request = web.get()
                .uri(URI.create("http://localhost:" + port() + pathAndQuery.replace("%%%%", "%25%25")));
        if ("ADMIN".equals(role)) {
            request = request.headers(h -> h.setBearerAuth(fixture.admin()));
        } else if ("CUSTOMER".equals(role)) {
            request = request.headers(h -> h.setBearerAuth(fixture.customerToken()));
        }
        expectInvalidField(request.exchange(), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "99999999999999999999", "-1"})
    void aLastEventIdThatIsNoSequenceIsABadRequestNamingIt(String lastEventId) {
        expectInvalidField(web.get().uri("/api/me/orders/{id}/events", FlowIds.orderId(fixture.customer(), newKey()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(fixture.customerToken());
                    h.set("Last-Event-ID", lastEventId);
                })
                .exchange(), "Last-Event-ID");
    }

    // --- requests ---

    private int port() {
        return Integer.parseInt(applicationContext.getEnvironment().getProperty("local.server.port"));
    }

    /** A request that would be accepted as it is, to be spoilt by one header. */
    private RawHttp request(String endpoint, String idempotencyKey) {
        RawHttp raw = RawHttp.to(port());
        return switch (endpoint) {
            case "order" -> raw.request("POST", "/api/orders")
                    .header("Authorization", "Bearer " + fixture.customerToken())
                    .header("Idempotency-Key", idempotencyKey)
                    .header("Content-Type", "application/json")
                    .body(orderBody(fixture.sku(), 1));
            case "receipt" -> raw.request("POST", "/api/inventory/" + fixture.sku() + "/receipts")
                    .header("Authorization", "Bearer " + fixture.admin())
                    .header("Idempotency-Key", idempotencyKey)
                    .header("Content-Type", "application/json")
                    .body("{\"quantity\":1,\"reason\":\"in\"}");
            case "adjustment" -> raw.request("POST", "/api/inventory/" + fixture.sku() + "/adjustments")
                    .header("Authorization", "Bearer " + fixture.admin())
                    .header("Idempotency-Key", idempotencyKey)
                    .header("Content-Type", "application/json")
                    .body("{\"delta\":1,\"reason\":\"count\"}");
            case "events" -> raw.request("GET", "/api/me/orders/" + FlowIds.orderId(fixture.customer(),
                            idempotencyKey) + "/events")
                    .header("Authorization", "Bearer " + fixture.customerToken())
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", "1");
            case "tokens" -> raw.request("POST", "/dev/tokens")
                    .header("Content-Type", "application/json")
                    .body("{\"subject\":\"" + newSubject() + "\",\"roles\":[\"CUSTOMER\"]}");
            case "myOrders" -> raw.request("GET", "/api/me/orders")
                    .header("Authorization", "Bearer " + fixture.customerToken());
            case "catalog" -> raw.request("GET", "/api/products");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return web.post().uri(path, fixture.sku())
                .headers(h -> h.setBearerAuth(fixture.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec put(String path, String body) {
        return web.put().uri(path, fixture.sku())
                .headers(h -> h.setBearerAuth(fixture.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    // --- answers ---

    private void expectOrderRefused(String body, String field) {
        String key = newKey();
        expectInvalidField(postOrder(web, fixture.customerToken(), key, body), field);
        assertThat(eventsOf(FlowIds.orderId(fixture.customer(), key)))
                .as("events of the order the refused request would have placed").isEmpty();
    }

    /** Refused, and the fixture's product and inventory are as they were. */
    private void expectAdminRefused(Supplier<WebTestClient.ResponseSpec> request, String field) {
        int inventoryEvents = inventoryEvents();
        int productEvents = eventsOf(fixture.sku()).size();
        expectInvalidField(request.get(), field);
        assertThat(inventoryEvents()).isEqualTo(inventoryEvents);
        assertThat(eventsOf(fixture.sku())).hasSize(productEvents);
    }

    private int inventoryEvents() {
        return eventsOf(FlowIds.inventoryId(fixture.sku())).size();
    }

    private static void expectInvalidField(WebTestClient.ResponseSpec response, String field) {
        EntityExchangeResult<String> result = response.expectBody(String.class).returnResult();
        Map<String, Object> problem = CommerceApi.expectProblem(result, HttpStatus.BAD_REQUEST);
        assertThat(problem).as("answer %s", result).containsEntry("type", "/problems/invalid-field")
                .containsEntry("field", field);
        assertThat((String) problem.get("detail")).startsWith(field + ": ");
        assertNamesNothingOfJava(result.getResponseBody());
    }

    private static Map<String, Object> expectProblem(RawHttp.Answer answer, HttpStatus status, String type,
                                                     String field) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status.value());
        assertThat(answer.header("Content-Type")).as("content type of %s", answer)
                .isNotNull().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.header("Connection")).as("connection of %s", answer).isEqualToIgnoringCase("close");
        Map<String, Object> problem = problemOf(answer);
        assertThat(problem.get("status")).isEqualTo(status.value());
        assertThat(problem.get("title")).asString().isNotBlank();
        assertThat(problem.get("detail")).asString().isNotBlank();
        if (type != null) {
            assertThat(problem).as("answer %s", answer).containsEntry("type", type);
        }
        if (field != null) {
            assertThat(problem).as("answer %s", answer).containsEntry("field", field);
            assertThat((String) problem.get("detail")).startsWith(field + ": ");
        }
        assertNamesNothingOfJava(answer.body());
        return problem;
    }

    private static Map<String, Object> problemOf(RawHttp.Answer answer) {
        try {
            return JSON.readValue(answer.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new AssertionError("not a JSON problem: " + answer, e);
        }
    }

    private static void assertNamesNothingOfJava(String body) {
        assertThat(JAVA_OR_JACKSON.matcher(body).find()).as("names a Java or Jackson type: %s", body).isFalse();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
