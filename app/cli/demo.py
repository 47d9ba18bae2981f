"""`zhucun demo`: a synthetic village in a new store, for training and trying things out."""
from __future__ import annotations

import sys

from app.cli.runtime import Commands, Secrets, emit


def cmd_demo(args):
    from app.demo.build import build_demo
    secrets = Secrets(args.passphrase_stdin)
    passphrase = secrets.ask("设置密码 (new passphrase): ", confirm=True)
    result = build_demo(args.data, passphrase, args.households, args.seed, user_name=args.user,
                        progress=None if args.json else _progress)
    emit(args, result, f"\n示范村已建立 (demo village built): {result['village']}, {result['households']} 户, "
                       f"{result['members']} 人, {result['visits']} 次走访, {result['forms']} 份签名表单, "
                       f"{result['seconds']} 秒\n"
                       f"为数据检查埋设的问题 (planted for the checks): "
                       f"{sum(len(v) for v in result['planted'].values())} 处，见 --json 的 planted\n"
                       f"用户 (user): {result['user']}\n恢复码 (recovery code): {result['recovery_code']}")


def _progress(done: int, total: int) -> None:
    print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)


def register(commands: Commands) -> None:
    p = commands.add("demo", cmd_demo, "build a synthetic village in a new store")
    p.add_argument("--households", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
