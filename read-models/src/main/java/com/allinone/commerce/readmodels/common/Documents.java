package com.allinone.commerce.readmodels.common;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import java.util.List;
import org.bson.Document;

/** How value types are stored in read models: plain nested documents, never Java class names. */
public final class Documents {

    private Documents() {
    }

    public static Document money(Money money) {
        return new Document("amount", money.amount()).append("currency", money.currency());
    }

    public static List<Document> pricedLines(List<PricedLine> lines) {
        return lines.stream().map(l -> new Document("sku", l.sku()).append("quantity", l.quantity())
                .append("unitPrice", money(l.unitPrice())).append("lineTotal", money(l.lineTotal()))).toList();
    }

    public static List<Document> lines(List<OrderLine> lines) {
        return lines.stream().map(l -> new Document("sku", l.sku()).append("quantity", l.quantity())).toList();
    }
}
