package com.allinone.commerce.commandside.common;

import com.allinone.commerce.api.common.Rejection;
import com.allinone.commerce.api.common.Rejection.Kind;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matchers for the {@link Rejection} a {@link RejectedCommand} carries as its details: its kind and type are what a
 * client finally sees (the HTTP status and the problem type), so tests pin those rather than the wording.
 */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<Rejection> notFound(String type) {
        return rejection(Kind.NOT_FOUND, type);
    }

    public static Matcher<Rejection> conflict(String type) {
        return rejection(Kind.CONFLICT, type);
    }

    public static Matcher<Rejection> unprocessable(String type) {
        return rejection(Kind.UNPROCESSABLE, type);
    }

    public static Matcher<Rejection> unavailable(String type) {
        return rejection(Kind.UNAVAILABLE, type);
    }

    private static Matcher<Rejection> rejection(Kind kind, String type) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Rejection rejection, Description mismatch) {
                mismatch.appendText("was ").appendValue(rejection);
                return rejection.kind() == kind && rejection.type().equals(type);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " rejection of type ").appendValue(type);
            }
        };
    }
}
