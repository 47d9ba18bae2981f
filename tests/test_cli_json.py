"""`--json` output: the fast way for a list of flat records writes the same text as json's
indenting encoder, whatever the records hold."""
from __future__ import annotations

import json

import pytest

from app.cli.runtime import dumps

ODD = "".join(chr(i) for i in range(0x30)) + "\x7f\u2028\u2029中文\\\"/{}[]\ud7ff\ue000\U0001F600"


@pytest.mark.parametrize("data", [
    [], [{}], [{"a": 1}], [{"a": 1}, {}], {"x": [1, {"y": None}]}, "text", [1, 2],
    [{"id": "01a2", "head_name": "张三", "number": None, "risk_eliminated": False, "n": 3}] * 3,
    [{"odd": ODD, ODD: 1, "low": -2 ** 63, "high": 2 ** 64 - 1, "beyond": 2 ** 64, "zero": -0}],
    [{"surrogate": "\ud800"}], [{"float": 1e16, "nan": float("nan")}], [{"nested": [1, 2]}],
])
def test_same_text_as_the_indenting_encoder(data):
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=1, default=str)
