package com.allinone.commerce.api.common;

import java.util.Locale;
import java.util.Set;

/** Where a shipment goes. {@code country} is an ISO 3166 alpha-2 code; {@code line2} is optional. */
public record ShippingAddress(String name, String line1, String line2, String city, String postalCode, String country) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public ShippingAddress {
        name = Checks.text("name", name, 200);
        line1 = Checks.text("line1", line1, 200);
        line2 = Checks.optionalText("line2", line2, 200);
        city = Checks.text("city", city, 100);
        postalCode = Checks.text("postalCode", postalCode, 20);
        country = Checks.text("country", country, 2).toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new InvalidValueException("country", "must be an ISO 3166 alpha-2 code such as KR");
        }
    }
}
