package com.allinone.commerce.queryside.common;

import com.allinone.commerce.axonconfig.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 404 problem: an unknown id, or something that is not the caller's to see (another customer's order). */
public final class NotFound extends ErrorResponseException {

    public NotFound(String detail) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "not-found", detail), null);
    }
}
