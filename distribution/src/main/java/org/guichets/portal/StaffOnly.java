package org.guichets.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.guichets.api.identity.PlatformRole;

/**
 * A route of the agency's workspaces: reached only by a signed-in account holding one of these
 * roles; anyone else signed in is shown the refusal, anyone not signed in the sign-in page. The
 * services check the same roles again on every call.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StaffOnly {
    /** The roles any one of which opens the route. */
    PlatformRole[] value();
}
