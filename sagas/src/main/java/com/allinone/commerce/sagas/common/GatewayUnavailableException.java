package com.allinone.commerce.sagas.common;

/** An outside service (payment provider, carrier) gave no answer; the step is asked again later. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
