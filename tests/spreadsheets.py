"""Reading the site's spreadsheet exports as a user's spreadsheet program would."""

import csv
import io

from openpyxl import load_workbook

BYTE_ORDER_MARK = "\ufeff".encode()


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV export: UTF-8 with a byte-order mark, `;`-separated (French Excel)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(BYTE_ORDER_MARK), content[:20]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_cells(response) -> list:
    """Every non-empty cell of an XLSX export's first sheet, headings included."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(content))
    return [cell for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
