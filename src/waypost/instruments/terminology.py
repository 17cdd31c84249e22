"""Canonical URLs and codes shared by the questionnaire files, the scoring engine and the FHIR mappers."""

# Every Waypost canonical starts with this base so the Django layer can rewrite it for a deployment.
DEFAULT_FHIR_BASE_URL = "https://waypost.example/fhir"

LOINC_SYSTEM = "http://loinc.org"
ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"
CALCULATED_EXPRESSION_URL = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"

TOTAL_LINK_ID = "total"

# The language the text and display elements are written in; others come from translation extensions
SOURCE_LANGUAGE = "en"

YES = "LA33-6"
NO = "LA32-8"

NOT_AT_ALL = "LA6568-5"
SEVERAL_DAYS = "LA6569-3"
MORE_THAN_HALF_THE_DAYS = "LA6570-1"
NEARLY_EVERY_DAY = "LA6571-9"
