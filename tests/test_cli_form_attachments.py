"""`zhucun form show` (and fill's --json) print an attached photo as its name, type and size,
not its base64 content: a 1 MB photo does not flood the terminal."""
from __future__ import annotations

import base64
import json

from tests.support.cli import cli, ok


def test_form_show_prints_attachment_name_type_and_size(tmp_path):
    data = tmp_path / "store"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin"))
    house = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "赵老汉",
                   "--category", "脱贫户", "--residence", "在家")).json
    form = tmp_path / "house_photo.md"
    form.write_text("""
| survey |  |  |  |
|  | type | name | label |
|  | image | photo | 房屋照片 |
|  | text | note | 备注 |
| settings |  |  |
|  | form_id | version |
|  | house_photo | 1 |
""", "utf-8")
    ok(cli("form", "import", form, "--data", data, "--passphrase-stdin"))
    content = b"\x89PNG" + bytes(range(256)) * 40
    encoded = base64.b64encode(content).decode()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"photo": {"name": "house.png", "data": encoded}, "note": "东墙有裂缝"}), "utf-8")
    filled = ok(cli("form", "fill", "--form", "house_photo", "--household", house["id"], "--answers", answers,
                    "--data", data, "--passphrase-stdin", "--json"))
    assert encoded[:40] not in filled.out
    shown = ok(cli("form", "show", filled.json["id"], "--data", data, "--passphrase-stdin", "--json"))
    assert encoded[:40] not in shown.out
    photo = shown.json["answers"]["photo"]
    assert {k: photo[k] for k in ("name", "type", "size")} == {"name": "house.png", "type": "image/png",
                                                              "size": len(content)}
    text = ok(cli("form", "show", filled.json["id"], "--data", data, "--passphrase-stdin"))
    assert encoded[:40] not in text.out and "house.png" in text.out and "image/png" in text.out
    assert "东墙有裂缝" in text.out
