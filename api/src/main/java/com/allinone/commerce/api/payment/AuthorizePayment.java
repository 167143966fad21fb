package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AuthorizePayment(@TargetAggregateIdentifier String paymentId, String gatewayRef) {

    public AuthorizePayment {
        paymentId = Checks.id("paymentId", paymentId);
        gatewayRef = Checks.id("gatewayRef", gatewayRef);
    }
}
