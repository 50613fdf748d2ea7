# English pages write dates as the registry always has: ISO dates in tables, "1 December 2026" in prose.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
