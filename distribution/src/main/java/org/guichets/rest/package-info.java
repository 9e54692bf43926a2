/**
 * The integrators' REST API, {@code /api/v1}, served by the host beside the portal: JSON, personal
 * API tokens, errors as {@code application/problem+json} (RFC 9457), the OpenAPI 3.1 document at
 * {@code /api/openapi.json}. It calls the platform's services as the token's account: the API adds
 * no authorisation of its own beyond the token's scopes, and skips none.
 */
package org.guichets.rest;
