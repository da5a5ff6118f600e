package dev.sovereign.router.pii;

/** The entity types the router detects; names follow Presidio's where one exists. */
public enum PiiType {
    EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, SECRET, PERSON, LOCATION
}
