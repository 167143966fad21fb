package com.allinone.commerce.commandside.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static final List<OrderLine> LINES = List.of(new OrderLine("MUG-01", 2), new OrderLine("TEE-02", 1));
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR");

    private static ShippingAddress address(String name, String line1, String line2) {
        return new ShippingAddress(name, line1, line2, "Seoul", "04524", "KR");
    }

    @Test
    void isVersionedSoOldAndNewFingerprintsAreToldApart() {
        assertThat(RequestFingerprint.of(LINES, ADDRESS)).startsWith("v2:").hasSize(3 + 64);
    }

    @Test
    void theSameRequestGetsTheSameFingerprintWhateverTheOrderOfItsLines() {
        assertThat(RequestFingerprint.of(List.of(LINES.get(1), LINES.get(0)), ADDRESS))
                .isEqualTo(RequestFingerprint.of(LINES, ADDRESS));
        // Validation normalises what the client sent (spaces, case), and the fingerprint is of the validated values.
        assertThat(RequestFingerprint.of(LINES, new ShippingAddress(" Alice Kim ", "1 Sejong-daero", " ", "Seoul",
                "04524", "kr"))).isEqualTo(RequestFingerprint.of(LINES, ADDRESS));
    }

    @Test
    void fieldsThatWouldJoinToTheSameTextGetDifferentFingerprints() {
        assertThat(RequestFingerprint.of(LINES, address("A\u001fB", "C", null)))
                .isNotEqualTo(RequestFingerprint.of(LINES, address("A", "B\u001fC", null)));
        assertThat(RequestFingerprint.of(LINES, address("A", "B", "C")))
                .isNotEqualTo(RequestFingerprint.of(LINES, address("A", "B\u001fC", null)));
        assertThat(RequestFingerprint.of(LINES, address("A\",\"line1\":\"B", "C", null)))
                .isNotEqualTo(RequestFingerprint.of(LINES, address("A", "B\",\"line2\":\"C", null)));
    }

    @Test
    void anAbsentLine2IsExplicitInTheCanonicalForm() {
        assertThat(RequestFingerprint.canonicalJson(List.of(new OrderLine("TEE-02", 1), new OrderLine("MUG-01", 2)),
                address("A\u001fB", "C", null))).isEqualTo("""
                {"lines":[{"sku":"MUG-01","quantity":2},{"sku":"TEE-02","quantity":1}],\
                "shippingAddress":{"name":"A\\u001FB","line1":"C","line2":null,"city":"Seoul","postalCode":"04524",\
                "country":"KR"}}""");
    }

    @Test
    void otherQuantitiesOrSkusGetDifferentFingerprints() {
        assertThat(RequestFingerprint.of(List.of(new OrderLine("MUG-01", 3), LINES.get(1)), ADDRESS))
                .isNotEqualTo(RequestFingerprint.of(LINES, ADDRESS));
        assertThat(RequestFingerprint.of(List.of(LINES.get(0)), ADDRESS))
                .isNotEqualTo(RequestFingerprint.of(LINES, ADDRESS));
    }
}
