"""Questionnaire definitions (FHIR R4 JSON) and the pure scoring engine.

No Django and no I/O here except reading the packaged questionnaires; `cli` alone reads the response
file it is given. Modules: `registry` (definitions), `scoring` (totals and bands), `flags` (red-flag
rules), `screening` (PHQ-2 and GAD-2), `cli` (`waypost score`).
"""
