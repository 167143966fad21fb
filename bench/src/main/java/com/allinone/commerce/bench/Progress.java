package com.allinone.commerce.bench;

/** Progress lines go to stderr, so stdout carries only the result table. */
final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    static void say(String format, Object... args) {
        long seconds = (System.nanoTime() - START) / 1_000_000_000L;
        System.err.printf("[bench %3d:%02d] %s%n", seconds / 60, seconds % 60, String.format(format, args));
    }
}
