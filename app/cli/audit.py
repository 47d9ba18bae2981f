"""`zhucun audit verify`: walk the audit chain and check every record."""
from __future__ import annotations

from app.cli.runtime import EXIT_INVALID, EXIT_OK, Commands, emit, open_store


def cmd_audit_verify(args):
    with open_store(args) as store:
        result = store.verify_audit().as_dict()
    text = (f"审计链完整 (audit chain verified): {result['entries']} 条, head {result['head'][:16]}…" if result["ok"]
            else "审计链有问题 (audit chain BROKEN):\n" + "\n".join("  " + p for p in result["problems"]))
    emit(args, result, text)
    return EXIT_OK if result["ok"] else EXIT_INVALID


def register(commands: Commands) -> None:
    g = commands.group("audit", "the audit chain")
    commands.add("verify", cmd_audit_verify, "walk the hash chain and check every record", g)
