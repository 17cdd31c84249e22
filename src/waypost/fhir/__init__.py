"""FHIR endpoints and mappers."""
