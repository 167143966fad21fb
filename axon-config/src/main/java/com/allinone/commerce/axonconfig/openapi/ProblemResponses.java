package com.allinone.commerce.axonconfig.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpStatus;

/**
 * The problem answers an endpoint gives beyond those every endpoint of its kind gives (see {@link ProblemDocs}):
 * a command's refusals (409, 422, 503), a rate limit (429). On a controller it applies to each of its methods, and a
 * method's own annotation adds to its controller's. It also works as a meta-annotation ({@link CommandRefusals}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface ProblemResponses {

    HttpStatus[] value();
}
