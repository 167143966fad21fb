package com.allinone.commerce.axonconfig.web;

import java.util.regex.Pattern;

/**
 * Characters no text a client sends may hold: the C0 and C1 controls (NUL, TAB, CR, LF, DEL, U+0080-U+009F), the
 * Unicode line and paragraph separators, and the bidirectional formatting controls that make text display in
 * another order than it is stored ("Trojan Source", CVE-2021-42574). None belongs in a name, an address or a reason,
 * and each can break the systems the text travels to: labels, logs, CSV exports, terminals.
 */
public final class ControlCharacters {

    private static final Pattern ANY = Pattern.compile(
            "[\\p{Cc}\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    /** How a problem detail says what was found, in words a client can act on. */
    public static final String REASON =
            "must not contain control characters (NUL, tab, line breaks, text-direction overrides)";

    private ControlCharacters() {
    }

    public static boolean foundIn(CharSequence text) {
        return text != null && ANY.matcher(text).find();
    }
}
