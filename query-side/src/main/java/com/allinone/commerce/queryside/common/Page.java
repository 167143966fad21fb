package com.allinone.commerce.queryside.common;

import java.util.List;

/** One page of a keyset-paged list: the items, and the opaque position after the last one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
