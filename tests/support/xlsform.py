"""The XLSForm the console's tests upload (tests/county/console, tests/browser): a labour check
of two questions, written as the markdown table an XLSForm sheet pastes to (the device's form
parser reads it as it reads an .xlsx), and a copy the parser refuses."""
from __future__ import annotations

from pathlib import Path

FORM_NAME = "labour_check.md"
FORM = """| survey |  |  |  |
|  | type | name | label::中文 (zh) |
|  | text | head | 户主姓名 |
|  | integer | months | 外出务工月数 |
| settings |  |  |  |
|  | form_id | version | form_title::中文 (zh) |
|  | labour_check | 3 | 务工核查 |
"""
REFUSED = FORM.replace("| integer | months | 外出务工月数 |",
                       "| integer | months | 外出务工月数 |\n|  | calculate | x | instance('a')/root/item |")


def form_upload(text: str = FORM) -> dict:
    """The `files` of a test client's POST to /publications/form/preview."""
    return {"file": (FORM_NAME, text.encode("utf-8"))}


def form_file(folder: Path, text: str = FORM) -> Path:
    """The form as a file a browser's file field is given."""
    path = Path(folder) / FORM_NAME
    path.write_text(text, "utf-8")
    return path
