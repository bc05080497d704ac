package newsstand.desk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import newsstand.delivery.DeliveryException;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Photo;
import newsstand.issue.Section;

/**
 * A package folder validated and its manifest signed for a fleet, the same for the broker and for a bundle; the
 * chunks are read from the folder again when they are sent.
 */
record SignedIssue(Path folder, Issue issue, Manifest manifest, byte[] envelope) {
    /** targets: the kiosks that take it (a trial), or none for every kiosk of the fleet. */
    static SignedIssue sign(String fleet, Signer signer, Path folder, Release release, List<String> targets)
            throws PackageException, DeliveryException, IOException {
        Issue issue = IssuePackage.read(folder);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(IssuePackage.MANIFEST);
        for (Section s : issue.sections()) {
            for (Article a : s.articles()) {
                for (Photo p : a.photos()) if (p.hasImage()) names.add(p.file());
            }
        }
        List<Manifest.FileEntry> files = new ArrayList<>();
        for (String n : names) files.add(new Manifest.FileEntry(n, Files.size(folder.resolve(n))));
        List<String> hashes = new ArrayList<>();
        chunks(folder, files, (i, bytes, n) -> hashes.add(Manifest.sha256(bytes, n)));
        Instant now = Instant.now();
        if (!release.expires().isAfter(now)) throw new DeliveryException("expiry " + release.expires() + " is not in the future");
        if (release.activateAt() != null && !release.activateAt().isBefore(release.expires())) {
            throw new DeliveryException("--activate-at " + release.activateAt() + " is not before the expiry " + release.expires()
                    + " (allowed: an embargo that ends before the issue expires)");
        }
        Manifest m = new Manifest(fleet, issue.id(), issue.publication(), release.sequence(), issue.date(), now, release.expires(),
                release.activateAt(), Manifest.CHUNK_SIZE, files, hashes, targets);
        if (m.bytes() > Manifest.MAX_ISSUE_BYTES) {
            throw new DeliveryException("issue " + issue.id() + " is " + m.bytes() + " bytes (allowed: at most " + Manifest.MAX_ISSUE_BYTES + ")");
        }
        PrivateKey key = signer.key();
        return new SignedIssue(folder, issue, m, m.sign(key, signer.id()));
    }

    interface ChunkSink {
        void accept(int index, byte[] bytes, int length) throws DeliveryException;
    }

    /** The chunks in order, one buffer reused. */
    void chunks(ChunkSink sink) throws IOException, DeliveryException {
        chunks(folder, manifest.files(), sink);
    }

    /** The files laid end to end, cut into chunks, one buffer reused. */
    private static void chunks(Path folder, List<Manifest.FileEntry> files, ChunkSink sink) throws IOException, DeliveryException {
        byte[] buf = new byte[Manifest.CHUNK_SIZE];
        int fill = 0, index = 0;
        for (Manifest.FileEntry f : files) {
            try (InputStream in = Files.newInputStream(folder.resolve(f.name()))) {
                long left = f.size();
                while (left > 0) {
                    int n = in.read(buf, fill, (int) Math.min(buf.length - fill, left));
                    if (n < 0) throw new IOException(f.name() + " shrank while it was being published");
                    fill += n;
                    left -= n;
                    if (fill == buf.length) {
                        sink.accept(index++, buf, fill);
                        fill = 0;
                    }
                }
            }
        }
        if (fill > 0) sink.accept(index, buf, fill);
    }
}
