package newsstand.console;

/** A request the console refuses: the HTTP status and a message naming the field and what is allowed. */
final class ApiError extends Exception {
    final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError bad(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
