package com.allinone.commerce.readmodels.verify;

import static com.allinone.commerce.readmodels.verify.OrderFoldTest.line;
import static com.allinone.commerce.readmodels.verify.OrderFoldTest.placed;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.readmodels.common.Documents;
import java.util.List;
import java.util.OptionalLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A document compared with its digest field by field, in the shape MyOrdersProjector writes. */
class OrderDocumentCheckTest {

    private final OrderFold fold = new OrderFold();
    private final OrderPlaced placed = placed("order-1", line("SKU-1", 2, 1_500), line("SKU-2", 1, 700));

    OrderDocumentCheckTest() {
        fold.apply(placed, 0, 3);
    }

    private Document asProjected() {
        return new Document("_id", "order-1").append("status", "PLACED")
                .append("total", Documents.money(placed.total()))
                .append("lines", Documents.pricedLines(placed.lines()))
                .append("seq", new Document("order", 0L).append("payment", -1L).append("shipment", -1L));
    }

    private OrderDigest digest() {
        return fold.digestOf("order-1").orElseThrow();
    }

    @Test
    void aDocumentAsTheProjectorWritesItHasNoDifference() {
        assertThat(OrderDocumentCheck.differingFields(digest(), asProjected())).isEmpty();
        assertThat(OrderDocumentCheck.appliedOrderSequence(asProjected())).hasValue(0);
    }

    @Test
    void aChangedStatusTotalOrLineIsNamed() {
        Document document = asProjected().append("status", "DELIVERED")
                .append("total", new Document("amount", 3_699L).append("currency", "KRW"));
        @SuppressWarnings("unchecked")
        List<Document> lines = (List<Document>) document.get("lines");
        lines.get(1).put("quantity", 3);

        assertThat(OrderDocumentCheck.differingFields(digest(), document)).containsExactly("status", "total", "lines");
    }

    @Test
    void linesInAnotherOrderOrAnotherCurrencyDiffer() {
        Document reordered = asProjected().append("lines", List.of(Documents.pricedLines(placed.lines()).get(1),
                Documents.pricedLines(placed.lines()).get(0)));
        Document otherCurrency = asProjected();
        @SuppressWarnings("unchecked")
        List<Document> lines = (List<Document>) otherCurrency.get("lines");
        lines.get(0).put("unitPrice", new Document("amount", 1_500L).append("currency", "USD"));

        assertThat(OrderDocumentCheck.differingFields(digest(), reordered)).containsExactly("lines");
        assertThat(OrderDocumentCheck.differingFields(digest(), otherCurrency)).containsExactly("lines");
    }

    @Test
    void numbersOfAnotherTypeOrMissingFieldsAreDifferences() {
        Document doubled = asProjected().append("total", new Document("amount", 3_700.0).append("currency", "KRW"));
        Document noLines = asProjected();
        noLines.remove("lines");

        assertThat(OrderDocumentCheck.differingFields(digest(), doubled)).containsExactly("total");
        assertThat(OrderDocumentCheck.differingFields(digest(), noLines)).containsExactly("lines");
        assertThat(LinesFingerprint.ofDocument(List.of("not a line"))).isEqualTo(OptionalLong.empty());
    }

    @Test
    void aDocumentWithoutSeqOrderCannotSayWhatItApplied() {
        Document document = asProjected().append("seq", new Document("payment", 2L));

        assertThat(OrderDocumentCheck.appliedOrderSequence(document)).isEmpty();
        assertThat(OrderDocumentCheck.appliedOrderSequence(new Document("seq", "broken"))).isEmpty();
    }
}
