package newsstand.issue;

import java.util.List;

/** An issue package that cannot be used: each problem names the file and the field, and says what is allowed. */
public final class PackageException extends Exception {
    private final List<String> problems;

    public PackageException(String where, List<String> problems) {
        super(where + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
