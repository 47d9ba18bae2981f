"""`zhucun diagnostics --out FILE`: the 诊断信息 zip for support (versions, settings that name no
one, the redacted log); the store is not opened and no passphrase is asked."""
from __future__ import annotations

from pathlib import Path

from app.cli.runtime import Commands, emit


def cmd_diagnostics(args):
    from app.services import diagnostics
    out = Path(args.out).expanduser()
    info = diagnostics.write(out)
    emit(args, {"ok": True, "file": str(out), **info},
         f"已保存诊断信息 (diagnostics saved): {out} — 不含个人信息 (no personal data)")


def register(commands: Commands) -> None:
    p = commands.add("diagnostics", cmd_diagnostics,
                     "save 诊断信息 for support: versions, settings and the log, without personal data")
    p.add_argument("--out", required=True, help="the zip file to write")
