package com.allinone.commerce.queryside.catalog;

import java.util.List;
import org.bson.Document;

/**
 * The product page's entity tag: the product's version (the sequence of the last product event its document applied,
 * which moves with every change to name, description, category, price or discontinued) and the available units, the
 * one thing on the page that changes without a product event. Equal tags are equal pages, byte for byte, so the tag
 * is strong.
 */
final class ProductTag {

    private static final List<String> VERSION = List.of("seq", "product");

    private ProductTag() {
    }

    static String of(Document product, Long available) {
        Number version = product.getEmbedded(VERSION, Number.class);
        return "\"" + version.longValue() + "." + (available == null ? "unknown" : available) + "\"";
    }
}
