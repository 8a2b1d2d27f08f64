package io.pluginio.plugin;

/** Authenticates requests of a logged-in Staff user's session. */
public interface StaffSessionAuth extends SimpleApi<SessionCredentials> {

    @Override
    default boolean authenticate(SessionCredentials credentials) {
        return credentials.loggedInUser().isStaff();
    }
}
