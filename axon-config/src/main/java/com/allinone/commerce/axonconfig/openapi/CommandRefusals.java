package com.allinone.commerce.axonconfig.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpStatus;

/**
 * Marks endpoints that send a command: whatever an aggregate refuses it with answers as the problem of its
 * {@code Rejection} kind ({@code ProblemDetailsAdvice.toProblem}): not found, conflict, unprocessable, unavailable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ProblemResponses({HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY,
        HttpStatus.SERVICE_UNAVAILABLE})
public @interface CommandRefusals {
}
