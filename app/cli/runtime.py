"""What every command of `zhucun` uses: the store opened with the passphrase, the day taken as
today, output as JSON or as text, failures as a sentence and an exit status, tables aligned for
Chinese, and `Commands`, where each command group declares its commands and options.

Exit status: 0 ok, 2 refused (wrong passphrase, no store, store busy), 3 invalid input (the
message names the field and the rule).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from app.core import clock
from app.core.errors import ValidationError
from app.core.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_REFUSED
from app.core.terminal import Parser, Secrets
from app.core.texttable import fields, table

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_REFUSED", "Commands", "Parser", "Secrets", "default_data_dir",
           "emit", "emit_checklist", "emit_table", "fail", "fields", "given", "open_store", "sets", "table", "today"]


def default_data_dir() -> Path:
    from app.storage.location import default_data_dir as where  # %APPDATA%\Zhucun on Windows
    return where()


def open_store(args):
    """The store of --data, unlocked by --user's passphrase (asked, or read from standard input)."""
    from app.storage.store import Store
    return Store.open(args.data, Secrets(args.passphrase_stdin).ask("密码 (passphrase): "), args.user)


def today(args) -> date:
    """--today when the command has it and it is given, else the clock's today."""
    return date.fromisoformat(args.today) if getattr(args, "today", None) else clock.today()


# -- output ------------------------------------------------------------------
def emit(args, data, text: str | None = None) -> None:
    """`data` as JSON with --json (or when there is no text), else `text`."""
    if args.json or text is None:
        print(dumps(data))
    else:
        print(text)


# What a flat record may hold for the fast way (floats are written differently by orjson).
_PLAIN = frozenset((str, int, bool, type(None)))


def dumps(data) -> str:
    """JSON indented by one space. A list of flat records (a village's households) is written by
    orjson and indented after, to the same text as json's indenting encoder, which is Python's
    own and took longer than reading the records. orjson indents by two: the one and two levels
    are halved through NUL, which JSON text holds only escaped."""
    if (isinstance(data, list) and data and all(type(r) is dict and r for r in data)
            and all(type(v) in _PLAIN for r in data for v in r.values())):
        import orjson
        try:
            text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
        except orjson.JSONEncodeError:  # an int beyond 64 bits, a lone surrogate: json's way
            pass
        else:
            return text.replace("\n    ", "\n\x00\x00").replace("\n  ", "\n\x00").replace("\x00", " ")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def emit_table(args, rows: list[dict], columns: list[tuple[str, str]], show=None) -> None:
    """A list command's rows: as JSON with --json, else a table of `columns` over each row as
    `show(row)` gives it (codes turned into words), or the rows themselves."""
    emit(args, rows, None if args.json else table([show(r) for r in rows] if show else rows, columns))


# How a checklist marks an item by its status: done (or closed) ✓, overdue !, open blank.
CHECK_MARKS = {"done": "✓", "closed": "✓", "overdue": "!"}


def emit_checklist(args, groups: list[dict], header, item, empty: str, key: str = "items") -> None:
    """Lists with items (a plan, a month's prompts, problem lists): as JSON with --json, else each
    group's `header(group)` line and under it `[mark] item(i)` for each of its items (`key`);
    `empty` when there is none."""
    lines = []
    for g in groups:
        lines.append(header(g))
        lines += [f"  [{CHECK_MARKS.get(i['status'], ' ')}] {item(i)}" for i in g[key]]
    emit(args, groups, "\n".join(lines) or empty)


def fail(args, code: int, data: dict, text: str) -> int:
    """A command that did not do its work: `data` as JSON on stdout with --json, the sentence on
    stderr; returns the exit status `code`."""
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    print(text, file=sys.stderr)
    return code


# -- options shared by several commands -----------------------------------------
def sets(pairs: list[str] | None) -> dict:
    """The --set FIELD=VALUE options as a dict (dashes in FIELD become underscores)."""
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ValidationError("--set", "FIELD=VALUE", f"--set: '{pair}' 应为 字段=值 (expected FIELD=VALUE)")
        key, value = pair.split("=", 1)
        out[key.strip().replace("-", "_")] = value
    return out


def given(args, names: list[str]) -> dict:
    """The options among `names` that were given on the command line."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


# -- declaring commands ------------------------------------------------------------
class Commands:
    """The commands of `zhucun`, as each group module's `register` declares them: `add` a command
    with its handler, or a `group` of commands under one name. Every command takes the common
    options (--data, --passphrase-stdin, --json, --user)."""

    def __init__(self, sub, common: argparse.ArgumentParser):
        self.sub = sub
        self.common = common

    def add(self, name: str, func, help_text: str, parent=None) -> argparse.ArgumentParser:
        p = (parent or self.sub).add_parser(name, parents=[self.common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def group(self, name: str, help_text: str):
        p = self.sub.add_parser(name, help=help_text, description=help_text)
        return p.add_subparsers(dest="action", metavar="ACTION", required=True)
