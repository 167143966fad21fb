package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A stable hash of what an order request asks for (lines in SKU order, and the address), so a retry with the same
 * Idempotency-Key is recognised however its JSON was formatted, and a different body under the same key is not.
 */
final class RequestFingerprint {

    private static final char SEPARATOR = '\u001f';

    private RequestFingerprint() {
    }

    static String of(List<OrderLine> lines, ShippingAddress address) {
        StringBuilder canonical = new StringBuilder();
        lines.stream().sorted(Comparator.comparing(OrderLine::sku))
                .forEach(line -> canonical.append(line.sku()).append('*').append(line.quantity()).append(SEPARATOR));
        for (String part : new String[] {address.name(), address.line1(), address.line2(), address.city(),
                address.postalCode(), address.country()}) {
            canonical.append(part == null ? "" : part).append(SEPARATOR);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
