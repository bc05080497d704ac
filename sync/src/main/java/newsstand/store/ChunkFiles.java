package newsstand.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import newsstand.issue.Manifest;

/** A complete download's chunks laid out again as the package's files, for the installer to validate and install. */
final class ChunkFiles {
    private ChunkFiles() {}

    /** Writes a complete download's files into a folder, one chunk at a time through the heap. */
    static void write(Connection db, Manifest m, Path folder) throws SQLException, IOException {
        List<Manifest.FileEntry> files = m.files();
        int file = 0;
        long left = files.get(0).size();
        OutputStream out = open(folder, files.get(0).name());
        try (PreparedStatement ps = db.prepareStatement("SELECT bytes FROM chunk WHERE issue_id = ? AND idx = ?")) {
            for (int i = 0; i < m.chunks().size(); i++) {
                ps.setString(1, m.issue());
                ps.setInt(2, i);
                byte[] chunk;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IOException("chunk " + i + " of " + m.issue() + " is missing");
                    chunk = rs.getBytes(1);
                }
                int at = 0;
                while (at < chunk.length) {
                    while (left == 0) {
                        out.close();
                        file++;
                        left = files.get(file).size();
                        out = open(folder, files.get(file).name());
                    }
                    int n = (int) Math.min(left, chunk.length - at);
                    out.write(chunk, at, n);
                    at += n;
                    left -= n;
                }
            }
            while (file + 1 < files.size()) {
                out.close();
                file++;
                out = open(folder, files.get(file).name());
            }
        } finally {
            out.close();
        }
    }

    private static OutputStream open(Path folder, String name) throws IOException {
        Path p = folder.resolve(name).normalize();
        if (!p.startsWith(folder)) throw new IOException(name + " lies outside the package folder");
        Files.createDirectories(p.getParent());
        return Files.newOutputStream(p);
    }
}
