package org.guichets.portal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class AccessGuardTest {

    private static Actor staff(PlatformRole... roles) {
        return new Actor(7, "Agent", null, null, Set.of(roles));
    }

    @Test
    public void eachWorkspaceOpensToItsRolesOnly() {
        StaffOnly instruction = QueueView.class.getAnnotation(StaffOnly.class);
        StaffOnly administration = AdminPluginsView.class.getAnnotation(StaffOnly.class);
        Actor candidate = new Actor(3, "Jeanne", 1L, OrganizationRole.MANDATAIRE, Set.of());
        assertTrue(AccessGuard.allowed(staff(PlatformRole.REVIEWER), instruction));
        assertTrue(AccessGuard.allowed(staff(PlatformRole.COMMITTEE), instruction));
        assertFalse("a reviewer does not administer", AccessGuard.allowed(staff(PlatformRole.REVIEWER), administration));
        assertFalse("an administrator does not instruct", AccessGuard.allowed(staff(PlatformRole.ADMIN), instruction));
        assertTrue(AccessGuard.allowed(staff(PlatformRole.ADMIN), administration));
        assertFalse(AccessGuard.allowed(candidate, instruction));
        assertFalse(AccessGuard.allowed(candidate, administration));
    }

    @Test
    public void everyAgencyRouteIsGuarded() {
        for (Class<?> view : List.of(QueueView.class, InstructionView.class, ChapterReviewView.class, AdminPluginsView.class,
                AdminReferentialView.class, AdminAccountsView.class, AdminPassiView.class, AdminDeliverablesView.class,
                AdminAuditView.class)) {
            assertTrue(view.getSimpleName(), view.isAnnotationPresent(StaffOnly.class));
            String route = view.getAnnotation(com.vaadin.flow.router.Route.class).value();
            assertTrue(route, route.startsWith("agence/"));
        }
    }

    @Test
    public void staffLandOnTheirWorkspaceAfterSignIn() {
        assertEquals("agence/instruction", SignInView.landing(staff(PlatformRole.REVIEWER)));
        assertEquals("agence/instruction", SignInView.landing(staff(PlatformRole.COMMITTEE, PlatformRole.ADMIN)));
        assertEquals("agence/administration", SignInView.landing(staff(PlatformRole.ADMIN)));
        assertEquals("", SignInView.landing(new Actor(3, "Jeanne", 1L, OrganizationRole.MANDATAIRE, Set.of())));
    }
}
