package com.allinone.commerce.api.common;

import java.util.regex.Pattern;

/** Field checks shared by the value types; each failure names its field. */
public final class Checks {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Checks() {
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    public static String optionalText(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : text(field, value, maxLength);
    }

    public static String sku(String field, String value) {
        if (value == null || !SKU.matcher(value).matches()) {
            throw new InvalidValueException(field, "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String id(String field, String value) {
        return text(field, value, 100);
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }
}
