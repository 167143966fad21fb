package com.allinone.commerce.commandside.catalog;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;
import static com.allinone.commerce.commandside.common.Rejections.notFound;

import com.allinone.commerce.api.catalog.ChangeProductPrice;
import com.allinone.commerce.api.catalog.CreateProduct;
import com.allinone.commerce.api.catalog.DiscontinueProduct;
import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.allinone.commerce.commandside.common.RejectionTranslator;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final String SKU = "MUG-01";
    private static final Money PRICE = Money.of(12_000, "KRW");
    private static final Money NEW_PRICE = Money.of(9_900, "KRW");

    private static final ProductCreated CREATED =
            new ProductCreated(SKU, "Mug", "Stoneware, 350 ml", "kitchen", PRICE);

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerCommandHandlerInterceptor(new RejectionTranslator());
    }

    private static CreateProduct create(String name, String description, Money price) {
        return new CreateProduct(SKU, name, description, "kitchen", price);
    }

    // --- CreateProduct ---

    @Test
    void createsAProductTaggedWithItsSku() {
        fixture.givenNoPriorActivity()
                .when(create("Mug", "Stoneware, 350 ml", PRICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(inFlow(SKU, CREATED));
    }

    @Test
    void creatingTheSameProductAgainChangesNothing() {
        fixture.given(CREATED)
                .when(create("Mug", "Stoneware, 350 ml", PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void creatingAgainWithoutADescriptionIsStillTheSameRequestWhenThereWasNone() {
        fixture.given(new ProductCreated(SKU, "Mug", null, "kitchen", PRICE))
                .when(create("Mug", "  ", PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToCreateAnotherProductUnderAnExistingSku() {
        fixture.given(CREATED)
                .when(create("Mug", "Stoneware, 350 ml", NEW_PRICE))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("product-exists"));
    }

    @Test
    void refusesToCreateAProductUnderAnExistingSkuWithAnotherName() {
        fixture.given(CREATED)
                .when(create("Cup", "Stoneware, 350 ml", PRICE))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("product-exists"));
    }

    // --- ChangeProductPrice ---

    @Test
    void changesThePriceRecordingThePreviousOne() {
        fixture.given(CREATED)
                .when(new ChangeProductPrice(SKU, NEW_PRICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductPriceChanged(SKU, PRICE, NEW_PRICE));
    }

    @Test
    void changingToTheCurrentPriceChangesNothing() {
        fixture.given(CREATED, new ProductPriceChanged(SKU, PRICE, NEW_PRICE))
                .when(new ChangeProductPrice(SKU, NEW_PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRetriedRepriceAfterDiscontinuingChangesNothing() {
        fixture.given(CREATED, new ProductPriceChanged(SKU, PRICE, NEW_PRICE), new ProductDiscontinued(SKU))
                .when(new ChangeProductPrice(SKU, NEW_PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToRepriceADiscontinuedProduct() {
        fixture.given(CREATED, new ProductDiscontinued(SKU))
                .when(new ChangeProductPrice(SKU, NEW_PRICE))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("product-discontinued"));
    }

    @Test
    void repricingAnUnknownProductIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ChangeProductPrice(SKU, NEW_PRICE))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionMessage("No such product")
                .expectExceptionDetails(notFound("not-found"));
    }

    // --- DiscontinueProduct ---

    @Test
    void discontinuesAProduct() {
        fixture.given(CREATED)
                .when(new DiscontinueProduct(SKU))
                .expectSuccessfulHandlerExecution()
                .expectEvents(inFlow(SKU, new ProductDiscontinued(SKU)));
    }

    @Test
    void discontinuingTwiceChangesNothing() {
        fixture.given(CREATED, new ProductDiscontinued(SKU))
                .when(new DiscontinueProduct(SKU))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void discontinuingAnUnknownProductIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new DiscontinueProduct(SKU))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(notFound("not-found"));
    }
}
