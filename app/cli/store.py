"""`zhucun init`, `user …`, `passwd`, `recover`: the store and its users."""
from __future__ import annotations

from app.cli.runtime import Commands, Secrets, emit, open_store, table
from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError


def cmd_init(args):
    from app.storage.store import Store
    if not args.user:
        raise ValidationError("--user", "required", "--user: 请给出用户名 (give the user's name)")
    secrets = Secrets(args.passphrase_stdin)
    store, code = Store.create(args.data, args.user, secrets.ask("设置密码 (new passphrase): ", confirm=True),
                               Role.parse(args.role, "--role"))
    with store:
        out = {"user_id": store.user_id, "device_id": store.device_id, "store_id": store.store_id,
               "recovery_code": code, "data": str(args.data)}
    emit(args, out, f"已建立数据库 (store created) in {args.data}\n用户 (user): {args.user}\n\n"
                    f"恢复码 (recovery code) — 只显示这一次，请抄写并妥善保管 (shown once, write it down):\n\n"
                    f"    {code}\n")


def cmd_user_add(args):
    with open_store(args) as store:
        if store.user["role"] != Role.LEADER.value:
            raise AccessDenied("only a team leader (队长) may add users")
        passphrase = Secrets(args.passphrase_stdin).ask(f"{args.name} 的密码 (passphrase for {args.name}): ",
                                                        confirm=True)
        record = store.add_user(args.name, passphrase, Role.parse(args.role, "--role"))
    emit(args, {"user_id": record["id"], "name": record["name"], "role": record["role"]},
         f"已添加用户 (user added): {record['name']} ({Role(record['role']).zh})")


def cmd_user_list(args):
    with open_store(args) as store:
        users = store.users()
    emit(args, users, table(users, [("name", "姓名"), ("role", "角色"), ("created_at", "建立时间")]))


def cmd_passwd(args):
    with open_store(args) as store:
        new = Secrets(args.passphrase_stdin).ask("新密码 (new passphrase): ", confirm=True)
        store.set_passphrase(new)
        name = store.user["name"]
    emit(args, {"ok": True, "user": name}, f"密码已更改 (passphrase changed) for {name}")


def cmd_recover(args):
    from app.storage.store import Store
    if not args.user:
        raise ValidationError("--user", "required", "--user: 请给出要重设密码的用户名 (whose passphrase to reset)")
    with Store.open_with_recovery(args.data, args.recovery_code, args.user) as store:
        new = Secrets(args.passphrase_stdin).ask("新密码 (new passphrase): ", confirm=True)
        store.set_passphrase(new, args.user)
        code = store.new_recovery_code()
    emit(args, {"ok": True, "user": args.user, "recovery_code": code},
         f"{args.user} 的密码已重设 (passphrase reset).\n旧恢复码已作废；新恢复码 (new recovery code, shown once):\n\n    {code}\n")


def register(commands: Commands) -> None:
    add = commands.add
    p = add("init", cmd_init, "create a new store with its first user")
    p.add_argument("--role", default="leader", help="collector|leader")

    g = commands.group("user", "users of this store")
    p = add("add", cmd_user_add, "add a user (leader only)", g)
    p.add_argument("--name", required=True)
    p.add_argument("--role", default="collector")
    add("list", cmd_user_list, "list users", g)
    add("passwd", cmd_passwd, "change your passphrase (stdin: current, then new)")
    p = add("recover", cmd_recover, "set a new passphrase with the recovery code")
    p.add_argument("--recovery-code", required=True)
