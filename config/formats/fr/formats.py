# French pages: "1 décembre 2026" in prose, "01/12/2026" and "01/12/2026 09:30" in tables.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
