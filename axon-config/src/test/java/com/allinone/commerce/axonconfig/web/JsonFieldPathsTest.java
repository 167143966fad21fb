package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;

/** What a client is told about a body the strict request mapper refuses: the field as a JSON path, in our words. */
class JsonFieldPathsTest {

    record Order(List<OrderLine> lines, ShippingAddress shippingAddress, String note) {
    }

    private static final String ADDRESS = """
            "shippingAddress":{"name":"Kim","line1":"1 Sejong-daero","city":"Seoul","postalCode":"04524",\
            "country":"KR"}""";

    private final ObjectMapper strict = new StrictRequestBodies(new ObjectMapper()).mapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"lines":[{"sku":"S","quantity":1,"quantity":2}],@A@} | lines[0].quantity | sent twice
            {"lines":[{"sku":"S","quantity":1}],"lines":[],@A@} | lines | sent twice
            {"lines":[{"sku":"S","quantity":"1"}],@A@} | lines[0].quantity | a whole number
            {"lines":[{"sku":"S","quantity":""}],@A@} | lines[0].quantity | a whole number
            {"lines":[{"sku":"S","quantity":1.5}],@A@} | lines[0].quantity | a whole number
            {"lines":[{"sku":"S","quantity":true}],@A@} | lines[0].quantity | a whole number
            {"lines":[{"sku":"S","quantity":99999999999}],@A@} | lines[0].quantity | from -2147483648 to 2147483647
            {"lines":[{"sku":7,"quantity":1}],@A@} | lines[0].sku | text
            {"lines":[{"sku":"S","quantity":1}],"note":["a"],@A@} | note | text
            {"lines":{"sku":"S"},@A@} | lines | a list
            {"lines":[{"sku":"S","quantity":1}],"note":"a\\u0000b",@A@} | note | control characters
            {"lines":[{"sku":"S","quantity":1}],"note":"line\\nbreak",@A@} | note | control characters
            {"lines":[{"sku":"S","quantity":1}],"note":"\\u202Egnp.exe",@A@} | note | control characters
            {"lines":[{"sku":"S","quantity":1}],"note":"a\\u2028b",@A@} | note | control characters
            {"lines":[{"sku":"S","quantity":1}],"note":"a\\u0085b",@A@} | note | control characters
            {"lines":[{"sku":"S","quantity":1}],"price":1,@A@} | price | not accepted here
            {"lines":[{"sku":"S","quantity":0}],@A@} | lines[0].quantity | between 1 and 999
            {"lines":[{"sku":"S","quantity":1}],@A@}xyz | body | not valid JSON (line 1, column
            {"lines":[{"sku":"S","quantity":1}],@A@}{"lines":[]} | body | exactly one JSON object
            [{"lines":[]}] | body | exactly one JSON object
            {"lines":[{"sku":'S',"quantity":1}]} | body | not valid JSON
            {"lines":[{"sku":"S","quantity":NaN}]} | body | not valid JSON
            {"lines":[{"sku":"S","quantity":01}]} | body | not valid JSON
            {"lines":[{"sku":"S","quantity":1}] | body | not valid JSON
            """)
    void namesTheFieldAndSaysWhatIsWrongInItsOwnWords(String template, String field, String words) {
        ProblemDetail problem = refusal(Order.class, template.replace("@A@", ADDRESS));

        assertThat(problem.getProperties()).containsEntry("field", field);
        assertThat(problem.getDetail()).startsWith(field + ": ").contains(words);
        assertSaysNothingOfJavaOrJackson(problem);
    }

    @ParameterizedTest
    @ValueSource(ints = {1001, 5000})
    void aDocumentNestedTooDeeplyIsAboutTheBody(int depth) {
        ProblemDetail problem = refusal(Map.class, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));

        assertThat(problem.getProperties()).containsEntry("field", "body");
        assertThat(problem.getDetail()).isEqualTo("body: is too large or nested too deeply");
        assertSaysNothingOfJavaOrJackson(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kim Minji", "김민지", "Zoë O'Brien-Łukasz", "شارع الملك"})
    void plainTextInAnyScriptIsAccepted(String name) throws Exception {
        Order order = strict.readValue("""
                {"lines":[{"sku":"S","quantity":1}],"note":"%s",%s}""".formatted(name, ADDRESS), Order.class);

        assertThat(order.note()).isEqualTo(name);
    }

    record Product(String name, String description, List<String> tags) {
    }

    @Test
    void aDescriptionMayHoldLineBreaksAndTabsButNoOtherControlAndTextInAnArrayIsRead() throws Exception {
        Product product = strict.readValue("""
                {"name":"Runner","description":"Light.\\n\\tFast.","tags":["shoes","sale"]}""", Product.class);

        assertThat(product.description()).isEqualTo("Light.\n\tFast.");
        assertThat(product.tags()).containsExactly("shoes", "sale");
        assertThat(refusal(Product.class, """
                {"name":"Runner","description":"Light\\u0000"}""").getProperties())
                .containsEntry("field", "description");
        assertThat(refusal(Product.class, """
                {"name":"Run\\nner","description":"Light"}""").getProperties()).containsEntry("field", "name");
    }

    private ProblemDetail refusal(Class<?> type, String json) {
        Throwable failure = catchThrowable(() -> strict.readValue(json, type));
        assertThat(failure).as("reading %s", json).isNotNull();
        return JsonFieldPaths.problemFor(failure).orElseThrow(() -> new AssertionError("no problem for " + failure));
    }

    private static void assertSaysNothingOfJavaOrJackson(ProblemDetail problem) {
        assertThat(problem.getDetail()).doesNotContainIgnoringCase("jackson")
                .doesNotContain("Feature", "Constraints", "java.", "com.", "class", "Exception", "`", "int", "String",
                        "OrderLine", "Order");
    }
}
