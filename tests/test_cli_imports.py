"""A command that only reads the store loads no heavy library it does not use: pinyin
dictionaries, PDF, spreadsheet and window toolkits, and sqlite_utils (for migrations) load when
a command needs them."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.support.cli import ROOT

HEAVY = ("pypinyin", "reportlab", "PySide6", "openpyxl", "pyxform", "fastapi", "PIL", "sqlite_utils")

SCRIPT = """
import contextlib, io, json, sys
from app.cli import main
out = io.StringIO()
sys.stdin = io.StringIO(sys.argv[2] + "\\n")
with contextlib.redirect_stdout(out):
    code = main(["households", "--data", sys.argv[1], "--passphrase-stdin", "--json"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[3].split(",")))
groups = sorted(m for m in sys.modules if m.startswith("app.cli.") and m != "app.cli.runtime")
print(json.dumps({"code": code, "rows": len(json.loads(out.getvalue())), "heavy": heavy, "groups": groups}))
"""


def test_households_json_imports_no_heavy_library(store_info, hh):
    hh.household("张三")
    store_info.store.close()
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(store_info.path), store_info.passphrase, ",".join(HEAVY)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # The command groups are loaded up to the one holding the command, not the others.
    assert result == {"code": 0, "rows": 1, "heavy": [], "groups": ["app.cli.demo", "app.cli.households", "app.cli.store"]}


def test_every_command_group_is_declared_for_help_and_mistakes():
    from app.cli import build_parser, command_word
    assert command_word(["--data", "households", "--json", "due", "--month", "2026-11"]) == "due"
    assert command_word(["--user=王芳", "--json"]) is None
    everything = build_parser(None)._subparsers._group_actions[0].choices
    assert set(build_parser(["no-such-command"])._subparsers._group_actions[0].choices) == set(everything)
    assert set(build_parser(["households"])._subparsers._group_actions[0].choices) < set(everything)
