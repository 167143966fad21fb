package com.allinone.commerce.api.common;

import java.util.Currency;

/** An amount in the currency's minor unit (KRW has none, so 129000 is 129,000 won). Never a double. */
public record Money(long amount, String currency) {

    public Money {
        if (amount < 0) {
            throw new InvalidValueException("amount", "must not be negative");
        }
        currency = isoCurrency(currency);
    }

    /**
     * The highest unit price a product may have (10^12 minor units). With at most 999 units per line and 100 lines,
     * no order total can then overflow a long.
     */
    public static final long MAX_LIST_PRICE = 1_000_000_000_000L;

    /**
     * A product price: above 0 and at most {@link #MAX_LIST_PRICE}, in a currency that is money. ISO 4217 also lists
     * codes without a minor unit that nothing can be priced in: XXX (no currency), XTS (testing), gold, silver,
     * platinum, palladium, the SDR and bond units. Checked here, for commands only: the constructor also rebuilds
     * stored events, which must stay readable whatever the rules become.
     */
    public static Money requireListPrice(String field, Money price) {
        Checks.present(field, price);
        if (price.amount() < 1 || price.amount() > MAX_LIST_PRICE) {
            throw new InvalidValueException(field + ".amount", "must be between 1 and " + MAX_LIST_PRICE);
        }
        if (Currency.getInstance(price.currency()).getDefaultFractionDigits() < 0) {
            throw new InvalidValueException(field + ".currency",
                    "must be a currency of money such as KRW or USD; " + price.currency() + " has no minor unit");
        }
        return price;
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public boolean isPositive() {
        return amount > 0;
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(amount, (long) quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new InvalidValueException("currency", "cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    private static String isoCurrency(String code) {
        if (code == null || code.length() != 3) {
            throw new InvalidValueException("currency", "must be an ISO 4217 code such as KRW");
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException("currency", "unknown ISO 4217 code " + code);
        }
    }
}
