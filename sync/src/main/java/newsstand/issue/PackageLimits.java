package newsstand.issue;

/**
 * How large an issue may be (PACKAGE.md): a day's paper with room to spare, and what a kiosk composes within its
 * 32 MB heap. render, publish and the kiosk all refuse a package over any of them, naming the limit.
 */
public final class PackageLimits {
    private PackageLimits() {}

    /** Characters in one paragraph: a long newspaper paragraph has a few hundred. */
    public static final int PARAGRAPH_CHARS = 4_000;
    /** Characters in all the paragraphs of one article. */
    public static final int ARTICLE_CHARS = 20_000;
    /** Paragraphs in one article. */
    public static final int ARTICLE_PARAGRAPHS = 300;
    /** Characters of text in the whole issue (headlines, captions and paragraphs). */
    public static final int ISSUE_CHARS = 200_000;
    public static final int SECTIONS = 24;
    public static final int ARTICLES_PER_SECTION = 60;
    public static final int PHOTOS_PER_ARTICLE = 8;
    public static final int PHOTOS = 60;
    /** issue.json is text; a day's paper is well under 1 MiB of it. */
    public static final long MANIFEST_BYTES = 4L << 20;
    public static final long IMAGE_BYTES = 16L << 20;
    /** Larger images are refused before decoding: a small file can declare billions of pixels. */
    public static final int IMAGE_SIDE = 8192;
    public static final long IMAGE_PIXELS = 24_000_000L;
    /**
     * Pixels of an image the decoder must hold whole (a progressive JPEG, an interlaced PNG): an 8192x2929 progressive
     * JPEG took 175 MB of native memory to decode, however small it was shown. A baseline JPEG is read row by row.
     */
    public static final long WHOLE_IMAGE_PIXELS = 4_000_000L;
}
