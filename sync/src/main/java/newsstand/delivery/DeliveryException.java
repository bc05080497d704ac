package newsstand.delivery;

/** Delivery over the broker failed or was refused; the message says what, and which broker, issue or field. */
public final class DeliveryException extends Exception {
    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
