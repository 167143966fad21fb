package com.allinone.commerce.readmodels.verify;

import com.allinone.commerce.api.common.PricedLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.OptionalLong;
import org.bson.Document;

/**
 * An order's priced lines in eight bytes, so the fold keeps no lines: the first 64 bits of SHA-256 over each line's
 * SKU, quantity, unit price and line total, in order. The same lines give the same fingerprint whether they come from
 * an OrderPlaced event or from a {@code my_orders} document; two different sets of lines share one with odds of
 * 2^-64. The report shows the expected lines themselves, read again from the order's events, only for a mismatch.
 */
final class LinesFingerprint {

    private LinesFingerprint() {
    }

    static long ofEvent(List<PricedLine> lines) {
        Hasher hasher = new Hasher();
        for (PricedLine line : lines) {
            hasher.line(line.sku(), line.quantity(), line.unitPrice().amount(), line.unitPrice().currency(),
                    line.lineTotal().amount(), line.lineTotal().currency());
        }
        return hasher.fingerprint();
    }

    /**
     * The fingerprint of a document's {@code lines} as the projector writes them
     * ({@code [{sku, quantity, unitPrice: {amount, currency}, lineTotal: {amount, currency}}]}), or empty when they
     * are not in that shape (which is then a mismatch).
     */
    static OptionalLong ofDocument(Object lines) {
        if (!(lines instanceof List<?> list)) {
            return OptionalLong.empty();
        }
        Hasher hasher = new Hasher();
        for (Object element : list) {
            if (!(element instanceof Document line)
                    || !(line.get("sku") instanceof String sku)
                    || !(line.get("unitPrice") instanceof Document unitPrice)
                    || !(line.get("lineTotal") instanceof Document lineTotal)
                    || !(unitPrice.get("currency") instanceof String unitCurrency)
                    || !(lineTotal.get("currency") instanceof String lineCurrency)) {
                return OptionalLong.empty();
            }
            OptionalLong quantity = wholeNumber(line.get("quantity"));
            OptionalLong unitAmount = wholeNumber(unitPrice.get("amount"));
            OptionalLong lineAmount = wholeNumber(lineTotal.get("amount"));
            if (quantity.isEmpty() || unitAmount.isEmpty() || lineAmount.isEmpty()) {
                return OptionalLong.empty();
            }
            hasher.line(sku, quantity.getAsLong(), unitAmount.getAsLong(), unitCurrency, lineAmount.getAsLong(),
                    lineCurrency);
        }
        return OptionalLong.of(hasher.fingerprint());
    }

    /** A BSON int32 or int64; a double (2.0 or 2.5) is not how the projector writes a count or an amount. */
    static OptionalLong wholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long ? OptionalLong.of(((Number) value).longValue())
                : OptionalLong.empty();
    }

    private static final class Hasher {

        private final MessageDigest sha256;

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        void line(String sku, long quantity, long unitAmount, String unitCurrency, long lineAmount,
                  String lineCurrency) {
            text(sku);
            number(quantity);
            number(unitAmount);
            text(unitCurrency);
            number(lineAmount);
            text(lineCurrency);
        }

        /** Length first, so no two different sequences of texts give the same bytes. */
        private void text(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            number(bytes.length);
            sha256.update(bytes);
        }

        private void number(long value) {
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }

        long fingerprint() {
            return ByteBuffer.wrap(sha256.digest()).getLong();
        }
    }
}
