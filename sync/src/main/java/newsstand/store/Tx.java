package newsstand.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the store talks to SQLite: every transaction opened one way ({@link #run}), and SQLite's failures handed on as
 * {@link StoreException}s with SQLite's own message, so that no SQLException leaves the store.
 */
final class Tx {
    private Tx() {}

    interface Work {
        void run() throws SQLException, StoreException, IOException;
    }

    interface Sql<T> {
        T run() throws SQLException, StoreException;
    }

    /**
     * One transaction: committed when the work returns, rolled back when it throws. Work inside a transaction already
     * open on the connection joins it (and commits with it).
     */
    static void run(Connection db, Work work) throws StoreException {
        try {
            if (!db.getAutoCommit()) {
                work.run();
                return;
            }
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException | StoreException | IOException | RuntimeException e) {
                // SQLite may have rolled back by itself (a full disk): the rollback's own failure must not hide why.
                try {
                    db.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                try {
                    db.setAutoCommit(true);
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** Statements outside a transaction of their own (each commits by itself, or with the caller's transaction). */
    static <T> T sql(Sql<T> work) throws StoreException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }
}
