"""Services in and out of the directory: the format-free record, HSDS 3.0 in its JSON and tabular forms, the US
treatment locator's export, and the fictional services of the demo. No database here but the exporter's reads."""
