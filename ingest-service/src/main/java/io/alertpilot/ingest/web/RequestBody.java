package io.alertpilot.ingest.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of a request body read up to a bound.
 *
 * @param bytes what was read, at most the bound
 * @param size how many bytes were seen: the bytes read, or the declared length when that was larger
 * @param exceeded true when the body is larger than the bound
 */
record RequestBody(byte[] bytes, long size, boolean exceeded) {

    static final RequestBody EMPTY = new RequestBody(new byte[0], 0, false);

    /**
     * Reads at most {@code limit} bytes of {@code in}; reads one more to learn whether there is more, and stops.
     * A declared length over the limit is enough to know it is too large: then only the first {@code keep} bytes
     * are read (what a refused body keeps), not the body.
     */
    static RequestBody read(InputStream in, long declaredLength, int limit, int keep) throws IOException {
        if (declaredLength > limit) {
            byte[] start = in.readNBytes(Math.min(keep, limit));
            return new RequestBody(start, declaredLength, true);
        }
        byte[] bytes = in.readNBytes(limit + 1);
        boolean exceeded = bytes.length > limit;
        byte[] kept = exceeded ? Arrays.copyOf(bytes, limit) : bytes;
        return new RequestBody(kept, Math.max(declaredLength, bytes.length), exceeded);
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }
}
