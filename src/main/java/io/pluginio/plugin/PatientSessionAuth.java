package io.pluginio.plugin;

/** Authenticates requests of a logged-in Patient's session. */
public interface PatientSessionAuth extends SimpleApi<SessionCredentials> {

    @Override
    default boolean authenticate(SessionCredentials credentials) {
        return credentials.loggedInUser().isPatient();
    }
}
