package com.allinone.commerce.commandside.catalog;

import static com.allinone.commerce.commandside.common.FlowEvents.applyInFlow;

import com.allinone.commerce.api.catalog.ChangeProductPrice;
import com.allinone.commerce.api.catalog.CreateProduct;
import com.allinone.commerce.api.catalog.DiscontinueProduct;
import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import com.allinone.commerce.api.catalog.ProductPurchaseLimitSet;
import com.allinone.commerce.api.catalog.SetPurchaseLimit;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A sellable product. Snapshotted (its fields are what the Jackson snapshot holds). */
@Aggregate(snapshotTriggerDefinition = "snapshotEveryNEvents", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Product {

    @AggregateIdentifier
    private String sku;
    private String name;
    private String description;
    private String category;
    private Money price;
    private boolean discontinued;
    /** Units one customer may hold or have bought at a time; null: no limit. */
    private Integer purchaseLimit;

    protected Product() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateProduct command) {
        if (sku != null) {
            if (sameAs(command)) {
                return;
            }
            throw RejectedCommand.conflict("product-exists", "Product " + command.sku() + " already exists");
        }
        applyInFlow(command.sku(), new ProductCreated(command.sku(), command.name(), command.description(),
                command.category(), command.price()));
    }

    @CommandHandler
    public void handle(ChangeProductPrice command) {
        if (price.equals(command.price())) {
            return;
        }
        if (discontinued) {
            throw RejectedCommand.conflict("product-discontinued", "Product " + sku + " is discontinued");
        }
        applyInFlow(sku, new ProductPriceChanged(sku, price, command.price()));
    }

    @CommandHandler
    public void handle(DiscontinueProduct command) {
        if (!discontinued) {
            applyInFlow(sku, new ProductDiscontinued(sku));
        }
    }

    @CommandHandler
    public void handle(SetPurchaseLimit command) {
        if (!Objects.equals(purchaseLimit, command.perCustomer())) {
            applyInFlow(sku, new ProductPurchaseLimitSet(sku, command.perCustomer()));
        }
    }

    private boolean sameAs(CreateProduct command) {
        return name.equals(command.name()) && Objects.equals(description, command.description())
                && category.equals(command.category()) && price.equals(command.price());
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        sku = event.sku();
        name = event.name();
        description = event.description();
        category = event.category();
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductPriceChanged event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductPurchaseLimitSet event) {
        purchaseLimit = event.perCustomer();
    }

    @EventSourcingHandler
    void on(ProductDiscontinued event) {
        discontinued = true;
    }
}
