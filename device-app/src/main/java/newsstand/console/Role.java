package newsstand.console;

import java.util.Locale;

/** What a user of the console may do: viewers see, editors also prepare and publish issues, admins also command kiosks and manage users. */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named (viewer, editor, admin), or an error naming what is allowed. */
    public static Role of(String name) {
        for (Role r : values()) if (r.id().equals(name)) return r;
        throw new IllegalArgumentException("role '" + name + "' is not allowed (allowed: viewer, editor, admin)");
    }
}
