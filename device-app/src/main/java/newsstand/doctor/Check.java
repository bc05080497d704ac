package newsstand.doctor;

/** One line of the doctor's table: what was checked, how it stands, what was found and, when not OK, what to do. */
public record Check(String name, Status status, String detail, String hint) {
    public enum Status { OK, WARN, FAIL, SKIP }

    static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    static Check warn(String name, String detail, String hint) {
        return new Check(name, Status.WARN, detail, hint);
    }

    static Check fail(String name, String detail, String hint) {
        return new Check(name, Status.FAIL, detail, hint);
    }

    static Check skip(String name, String why) {
        return new Check(name, Status.SKIP, why, null);
    }
}
