package com.allinone.commerce.readmodels.verify;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The fold's memory: one row per order in primitive arrays, so a store of millions of orders fits in tens of
 * megabytes. A row holds the order id as the two halves of its UUID (16 bytes), its status (1), the last Order
 * sequence (4), the store position of its first event (8), the total's amount (8) and currency (2) and the lines'
 * fingerprint (8): 47 bytes, plus at most 8 bytes of an index kept at most half full, so about 55 bytes per order
 * (a HashMap of digest objects keyed by the id string takes about 170), and for a moment up to twice that while
 * an array grows.
 *
 * <p>Every orderId is a canonical UUID (FlowIds derives them); an id that is not one is kept as a string beside the
 * table, so the table never depends on that.
 */
final class OrderDigestTable {

    static final byte NO_STATUS = -1;
    static final long NO_TOTAL = -1;
    static final short NO_CURRENCY = -1;
    private static final int FIRST_CAPACITY = 1024;

    private long[] idHigh = new long[FIRST_CAPACITY];
    private long[] idLow = new long[FIRST_CAPACITY];
    byte[] status = new byte[FIRST_CAPACITY];
    int[] lastSequence = new int[FIRST_CAPACITY];
    long[] firstPosition = new long[FIRST_CAPACITY];
    long[] totalAmount = new long[FIRST_CAPACITY];
    short[] totalCurrency = new short[FIRST_CAPACITY];
    long[] linesFingerprint = new long[FIRST_CAPACITY];
    private int rows;

    /** Open addressing over the UUID rows: row + 1 per slot, 0 for an empty slot; a power of two long. */
    private int[] index = new int[FIRST_CAPACITY * 2];
    private final Map<String, Integer> otherIdRows = new HashMap<>();
    private final Map<Integer, String> otherIds = new HashMap<>();

    int rows() {
        return rows;
    }

    /** The order's row, or -1 when the table has none. */
    int rowOf(String orderId) {
        if (!isCanonicalUuid(orderId)) {
            return otherIdRows.getOrDefault(orderId, -1);
        }
        long high = high(orderId);
        long low = low(orderId);
        for (int slot = slot(high, low); ; slot = (slot + 1) & (index.length - 1)) {
            int row = index[slot] - 1;
            if (row < 0) {
                return -1;
            }
            if (idHigh[row] == high && idLow[row] == low) {
                return row;
            }
        }
    }

    /** The order's row, added (no status, no total, first seen at {@code position}) when it has none yet. */
    int rowFor(String orderId, long position) {
        int existing = rowOf(orderId);
        if (existing >= 0) {
            return existing;
        }
        int row = addRow(position);
        if (isCanonicalUuid(orderId)) {
            idHigh[row] = high(orderId);
            idLow[row] = low(orderId);
            if ((rows * 2) > index.length) {
                index = new int[index.length * 2];
                for (int r = 0; r < rows; r++) {
                    if (!otherIds.containsKey(r)) {
                        place(r);
                    }
                }
            } else {
                place(row);
            }
        } else {
            otherIdRows.put(orderId, row);
            otherIds.put(row, orderId);
        }
        return row;
    }

    String idOf(int row) {
        String other = otherIds.get(row);
        return other != null ? other : uuidString(idHigh[row], idLow[row]);
    }

    private int addRow(long position) {
        if (rows == status.length) {
            grow(status.length + (status.length >> 1));
        }
        int row = rows++;
        status[row] = NO_STATUS;
        lastSequence[row] = -1;
        firstPosition[row] = position;
        totalAmount[row] = NO_TOTAL;
        totalCurrency[row] = NO_CURRENCY;
        return row;
    }

    private void grow(int capacity) {
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        status = Arrays.copyOf(status, capacity);
        lastSequence = Arrays.copyOf(lastSequence, capacity);
        firstPosition = Arrays.copyOf(firstPosition, capacity);
        totalAmount = Arrays.copyOf(totalAmount, capacity);
        totalCurrency = Arrays.copyOf(totalCurrency, capacity);
        linesFingerprint = Arrays.copyOf(linesFingerprint, capacity);
    }

    private void place(int row) {
        int slot = slot(idHigh[row], idLow[row]);
        while (index[slot] != 0) {
            slot = (slot + 1) & (index.length - 1);
        }
        index[slot] = row + 1;
    }

    private int slot(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & (index.length - 1);
    }

    // --- ids ---

    /** Exactly what {@link UUID#toString()} writes: 36 characters, lowercase hex, dashes at 8, 13, 18, 23. */
    static boolean isCanonicalUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static long high(String uuid) {
        return hex(uuid, 0, 8) << 32 | hex(uuid, 9, 13) << 16 | hex(uuid, 14, 18);
    }

    private static long low(String uuid) {
        return hex(uuid, 19, 23) << 48 | hex(uuid, 24, 36);
    }

    private static long hex(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value << 4 | Character.digit(text.charAt(i), 16);
        }
        return value;
    }

    private static String uuidString(long high, long low) {
        return new UUID(high, low).toString();
    }

    // --- currencies ---

    /** An ISO 4217 code (three letters A–Z) in two bytes, or {@link #NO_CURRENCY} for anything else. */
    static short packCurrency(String code) {
        if (code == null || code.length() != 3) {
            return NO_CURRENCY;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return NO_CURRENCY;
            }
            packed = packed * 26 + (c - 'A');
        }
        return (short) packed;
    }

    static String unpackCurrency(short packed) {
        if (packed == NO_CURRENCY) {
            return null;
        }
        char[] code = new char[3];
        int rest = packed;
        for (int i = 2; i >= 0; i--) {
            code[i] = (char) ('A' + rest % 26);
            rest /= 26;
        }
        return new String(code);
    }
}
