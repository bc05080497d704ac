package newsstand.issue;

/**
 * A photo of an article: the image file inside the package (null when only the caption survived, as in text
 * imported from a printed page), its pixel size, caption and credit.
 */
public record Photo(String file, int width, int height, String caption, String credit) {
    public boolean hasImage() {
        return file != null;
    }
}
