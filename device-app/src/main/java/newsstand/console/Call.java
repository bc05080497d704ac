package newsstand.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/** One request to the API: its exchange, the session it came with (null on the open routes) and the path's parts. */
final class Call {
    /** A JSON body may be this long at most; uploads say their own limit. */
    static final int MAX_JSON = 256 * 1024;

    final HttpExchange exchange;
    final Sessions.Session session;
    private final Matcher path;
    private Map<String, String> query;

    Call(HttpExchange exchange, Sessions.Session session, Matcher path) {
        this.exchange = exchange;
        this.session = session;
        this.path = path;
    }

    /** The user making the call ("-" on the open routes). */
    String user() {
        return session == null ? "-" : session.user();
    }

    /** The n-th group of the route's pattern, URL-decoded. */
    String path(int n) {
        return URLDecoder.decode(path.group(n), StandardCharsets.UTF_8);
    }

    /** A query parameter, or null. */
    String query(String name) {
        if (query == null) {
            query = new HashMap<>();
            String q = exchange.getRequestURI().getRawQuery();
            if (q != null) {
                for (String pair : q.split("&")) {
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    query.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query.get(name);
    }

    /**
     * The body, read up to {@code max} bytes; longer is refused with 413 and nothing done. The rest of a body refused
     * is read and dropped (up to 16 MB more) so that the client gets the answer instead of a reset connection.
     */
    byte[] body(long max) throws IOException, ApiError {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        copyBody(out, max);
        return out.toByteArray();
    }

    /** The body written to a file, as {@link #body(long)} reads it; returns the bytes written. */
    long bodyTo(java.nio.file.Path file, long max) throws IOException, ApiError {
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            return copyBody(out, max);
        }
    }

    private long copyBody(java.io.OutputStream out, long max) throws IOException, ApiError {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (length != null) {
                long declared;
                try {
                    declared = Long.parseLong(length);
                } catch (NumberFormatException e) {
                    throw ApiError.bad("Content-Length '" + length + "' is not a number");
                }
                if (declared > max) {
                    drop(in, Math.min(declared, Math.max(2 * max, 16L << 20)));
                    throw new ApiError(413, "the request is " + declared + " bytes (allowed: up to " + max + ")");
                }
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    drop(in, 16L << 20);
                    throw new ApiError(413, "the request is longer than " + max + " bytes (allowed: up to " + max + ")");
                }
                out.write(buffer, 0, n);
            }
            return total;
        }
    }

    /** Reads and drops up to n bytes (the server's stream must count them: its skip() would bypass the body's length). */
    static void drop(InputStream in, long n) throws IOException {
        byte[] buffer = new byte[65536];
        for (long left = n; left > 0; ) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) return;
            left -= r;
        }
    }

    /** The body as a JSON object. */
    JsonObject json() throws IOException, ApiError {
        byte[] b = body(MAX_JSON);
        try {
            JsonElement e = JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) throw ApiError.bad("the body must be a JSON object");
            return e.getAsJsonObject();
        } catch (com.google.gson.JsonParseException e) {
            String why = String.valueOf(e.getMessage()).replaceAll("[a-zA-Z.]*(Exception|Error): ", "").replaceFirst("\\s*See https://.*", "");
            throw ApiError.bad("the body is not JSON (allowed: one JSON object): " + why);
        }
    }

    /** A string field of a JSON body: present (unless optional), a string, at most max characters. */
    static String text(JsonObject o, String field, int max, boolean required) throws ApiError {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) throw ApiError.bad("'" + field + "' is missing (allowed: text of 1 to " + max + " characters)");
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw ApiError.bad("'" + field + "' must be text");
        String s = e.getAsString();
        if (s.length() > max || (required && s.isEmpty())) throw ApiError.bad("'" + field + "' is " + s.length() + " characters (allowed: 1 to " + max + ")");
        return s;
    }
}
