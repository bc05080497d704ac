package newsstand.store;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on a connection: committed when the work returns, rolled back when it throws. */
final class Tx {
    private Tx() {}

    interface Work {
        void run() throws SQLException;
    }

    static void run(Connection db, Work work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }
}
