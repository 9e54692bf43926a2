package org.guichets.api.identity;

/**
 * A postal address in France or abroad.
 *
 * @param street number and street, possibly on several lines
 * @param postalCode postal code
 * @param city city
 * @param country ISO 3166-1 alpha-2 country code, {@code FR} by default
 */
public record Address(String street, String postalCode, String city, String country) {

    public Address {
        country = country == null || country.isBlank() ? "FR" : country.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** One line, as shown in lists. */
    public String oneLine() {
        return String.join(", ", street.replace('\n', ' '), postalCode + " " + city) + ("FR".equals(country) ? "" : ", " + country);
    }
}
