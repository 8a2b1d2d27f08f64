package io.pluginio.plugin;

import java.util.Objects;

/**
 * The Canvas user of the session that Spring Security resolved for a request or handshake.
 *
 * @param id the user's id
 * @param type Staff or Patient
 */
public record LoggedInUser(String id, UserType type) {

    public LoggedInUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** Whether this user is a member of staff. */
    public boolean isStaff() {
        return type == UserType.STAFF;
    }

    /** Whether this user is a patient. */
    public boolean isPatient() {
        return type == UserType.PATIENT;
    }
}
