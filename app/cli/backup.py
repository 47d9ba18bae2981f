"""`zhucun backup` and `zhucun restore`: the encrypted backup of the store."""
from __future__ import annotations

from pathlib import Path

from app.cli.runtime import Commands, Secrets, emit, open_store


def cmd_backup(args):
    from app.storage.backup import make_backup
    with open_store(args) as store:
        info = make_backup(store, Path(args.out))
    emit(args, info, f"已备份 (backup written): {info['path']}  ({info['bytes']} bytes)")


def cmd_restore(args):
    from app.storage.backup import restore_backup
    secrets = Secrets(args.passphrase_stdin)
    secret = args.recovery_code or secrets.ask("备份的密码 (passphrase of the backup): ")
    info = restore_backup(Path(args.file), args.data, secret, is_recovery_code=bool(args.recovery_code),
                          replace=args.replace)
    emit(args, info, f"已恢复 (restored) into {info['data']}: {info['entries']} 条审计记录已核验")


def register(commands: Commands) -> None:
    p = commands.add("backup", cmd_backup, "write an encrypted backup")
    p.add_argument("--out", required=True)
    p = commands.add("restore", cmd_restore, "restore a backup into --data")
    p.add_argument("file")
    p.add_argument("--recovery-code")
    p.add_argument("--replace", action="store_true", help="move an existing store aside first")
