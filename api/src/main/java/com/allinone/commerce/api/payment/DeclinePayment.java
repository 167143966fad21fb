package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclinePayment(@TargetAggregateIdentifier String paymentId, String reason) {

    public DeclinePayment {
        paymentId = Checks.id("paymentId", paymentId);
        reason = Checks.id("reason", reason);
    }
}
