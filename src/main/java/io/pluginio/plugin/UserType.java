package io.pluginio.plugin;

/** The kind of Canvas user behind a session. */
public enum UserType {
    /** A member of staff, {@code "Staff"} on the wire. */
    STAFF("Staff"),
    /** A patient, {@code "Patient"} on the wire. */
    PATIENT("Patient");

    private final String label;

    UserType(String label) {
        this.label = label;
    }

    /** The name Canvas uses: {@code "Staff"} or {@code "Patient"}. */
    public String label() {
        return label;
    }

    /** The type with the given Canvas name, ignoring case. */
    public static java.util.Optional<UserType> fromLabel(String label) {
        for (UserType type : values()) {
            if (type.label.equalsIgnoreCase(label)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
