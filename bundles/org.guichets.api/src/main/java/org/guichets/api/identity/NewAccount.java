package org.guichets.api.identity;

/**
 * What a person types to sign up.
 *
 * @param email sign-in address (required)
 * @param displayName name shown to others (required)
 * @param password at least 12 characters; the service hashes it and never stores or logs it
 * @param role the role in the company; ignored for agency staff
 */
public record NewAccount(String email, String displayName, char[] password, OrganizationRole role) {}
