package com.allinone.commerce.readmodels.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.bson.Document;

/** How an order's document compares with its digest, field by field, in the shape MyOrdersProjector writes. */
final class OrderDocumentCheck {

    static final String STATUS = "status";
    static final String TOTAL = "total";
    static final String LINES = "lines";
    static final String SEQ_ORDER = "seq.order";

    private OrderDocumentCheck() {
    }

    /** The last Order event the document applied ({@code seq.order}), or empty when it does not say. */
    static OptionalLong appliedOrderSequence(Document document) {
        return document.get("seq") instanceof Document seq ? LinesFingerprint.wholeNumber(seq.get("order"))
                : OptionalLong.empty();
    }

    /** The compared fields of a document that applied the digest's last Order event and still differ from it. */
    static List<String> differingFields(OrderDigest expected, Document document) {
        List<String> fields = new ArrayList<>();
        String status = expected.status() == null ? null : expected.status().name();
        if (!Objects.equals(status, document.get(STATUS))) {
            fields.add(STATUS);
        }
        if (!sameTotal(expected, document.get(TOTAL))) {
            fields.add(TOTAL);
        }
        if (!sameLines(expected, document.get(LINES))) {
            fields.add(LINES);
        }
        return fields;
    }

    private static boolean sameTotal(OrderDigest expected, Object total) {
        if (expected.total() == null) {
            return total == null;
        }
        return total instanceof Document money
                && LinesFingerprint.wholeNumber(money.get("amount")).equals(OptionalLong.of(expected.total().amount()))
                && expected.total().currency().equals(money.get("currency"));
    }

    private static boolean sameLines(OrderDigest expected, Object lines) {
        if (expected.total() == null) {
            // No OrderPlaced was folded: the projector wrote no lines either.
            return lines == null;
        }
        return LinesFingerprint.ofDocument(lines).equals(OptionalLong.of(expected.linesFingerprint()));
    }
}
