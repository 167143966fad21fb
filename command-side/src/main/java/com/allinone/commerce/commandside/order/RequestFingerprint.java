package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.order.PlaceOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stable hash of what an order request asks for (lines in SKU order, and the address), so a retry with the same
 * Idempotency-Key is recognised however its JSON was formatted, and a different body under the same key is not.
 *
 * <p>Version 2 hashes canonical JSON: fixed member order, lines sorted by SKU, every address field present (absent
 * ones as {@code null}). JSON quotes and escapes every value, so two different requests never encode alike. Version 1
 * joined the values with U+001F, so a value containing that character could pass for another request
 * ({@code name "A␟B", line1 "C"} = {@code name "A", line1 "B␟C"}); orders placed before version 2 keep their version 1
 * hash, and {@link #sameRequest} still recognises their retries, except those containing U+001F.
 */
final class RequestFingerprint {

    static final String VERSION_2 = "v2:";
    private static final char V1_SEPARATOR = '\u001f';
    /** Default settings on purpose: the encoding must not change with the application's JSON configuration. */
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private RequestFingerprint() {
    }

    static String of(List<OrderLine> lines, ShippingAddress address) {
        return VERSION_2 + sha256(canonicalJson(lines, address));
    }

    static String canonicalJson(List<OrderLine> lines, ShippingAddress address) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("lines", lines.stream().sorted(Comparator.comparing(OrderLine::sku))
                .map(line -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("sku", line.sku());
                    member.put("quantity", line.quantity());
                    return member;
                }).toList());
        Map<String, Object> to = new LinkedHashMap<>();
        to.put("name", address.name());
        to.put("line1", address.line1());
        to.put("line2", address.line2());
        to.put("city", address.city());
        to.put("postalCode", address.postalCode());
        to.put("country", address.country());
        request.put("shippingAddress", to);
        try {
            return CANONICAL.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings and numbers always serialize", e);
        }
    }

    /**
     * Whether {@code command} asks for what the request that stored {@code storedHash} asked for. A stored version 1
     * hash is compared with the command's version 1 hash, unless the command contains the separator that made
     * version 1 ambiguous (such a retry gets the 422 a different request gets).
     */
    static boolean sameRequest(String storedHash, PlaceOrder command) {
        if (storedHash.startsWith(VERSION_2)) {
            return storedHash.equals(command.requestHash());
        }
        return !containsV1Separator(command.shippingAddress())
                && storedHash.equals(version1(command.lines(), command.shippingAddress()));
    }

    /** The encoding orders were fingerprinted with before version 2: kept only to recognise their retries. */
    static String version1(List<OrderLine> lines, ShippingAddress address) {
        StringBuilder joined = new StringBuilder();
        lines.stream().sorted(Comparator.comparing(OrderLine::sku))
                .forEach(line -> joined.append(line.sku()).append('*').append(line.quantity()).append(V1_SEPARATOR));
        addressParts(address).forEach(part -> joined.append(part == null ? "" : part).append(V1_SEPARATOR));
        return sha256(joined.toString());
    }

    private static boolean containsV1Separator(ShippingAddress address) {
        return addressParts(address).anyMatch(part -> part != null && part.indexOf(V1_SEPARATOR) >= 0);
    }

    private static Stream<String> addressParts(ShippingAddress address) {
        return Stream.of(address.name(), address.line1(), address.line2(), address.city(), address.postalCode(),
                address.country());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
