package newsstand.desk;

import newsstand.delivery.DeliveryException;

/** The fleet's retained issue messages followed ({@link Desk#watchIssues}) until closed. */
public final class IssueWatch implements AutoCloseable {
    private final Link link;
    private final String filter;

    IssueWatch(Link link, String filter) {
        this.link = link;
        this.filter = filter;
    }

    /** Whether the connection still holds (false once lost: open a new watch, which connects again). */
    public boolean following() {
        return link.connected();
    }

    @Override
    public void close() {
        try {
            link.unsubscribe(filter);
        } catch (DeliveryException e) {
            // the connection is gone: nothing follows any more
        }
    }
}
