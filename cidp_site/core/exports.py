"""Spreadsheet exports that a spreadsheet will not run as formulas.

The zero-result report and the feedback comments are text typed by anonymous readers; a cell such as
``+cmd|' /C calc'!A0`` or ``=HYPERLINK(...)`` opened in Excel or LibreOffice runs or phones home
(CSV injection). Wagtail's export already forces XLSX cells to text; for CSV, a cell starting with
one of OWASP's trigger characters gets a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCSVMixin:
    """For Wagtail report views (SpreadsheetExportMixin): every CSV cell passes through neutralise()."""

    def write_csv_row(self, writer, row_dict):
        safe = {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
        return writer.writerow(safe)
