package com.allinone.commerce.queryside.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class OrderViewTest {

    private static final List<Document> LINES = List.of(new Document("sku", "MUG-01").append("quantity", 2),
            new Document("sku", "TEE-02").append("quantity", 3));

    @Test
    void showsTheUnitsTheOrderWasPlacedWith() {
        assertThat(OrderView.unitsOf(new Document("lines", LINES).append("units", 5))).isEqualTo(5);
    }

    @Test
    void countsTheLinesOfADocumentProjectedBeforeOrdersCarriedUnits() {
        assertThat(OrderView.unitsOf(new Document("lines", LINES))).isEqualTo(5);
    }
}
