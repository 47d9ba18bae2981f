"""`zhucun household …`, `households`, `member …`: the households and their members (一户一档)."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, given, open_store, sets, table, today
from app.core.enums import HouseholdCategory
from app.core.words import zh


HOUSEHOLD_OPTS = ["head_name", "category", "monitoring_category", "group_name", "number", "phone", "address",
                  "residence", "flags", "village", "township", "county", "province", "pairing_cadre",
                  "housing_grade", "risk_types"]
MEMBER_OPTS = ["name", "id_number", "relation", "sex", "birth_date", "phone", "health", "labour",
               "school_status", "education", "disability_grade"]


def cmd_household_add(args):
    from app.services import households
    with open_store(args) as store:
        data = given(args, HOUSEHOLD_OPTS) | sets(args.set)
        record = households.add_household(store, data)
    emit(args, record, f"已添加户 (household added): {record['head_name']}  id={record['id']}")


def cmd_household_edit(args):
    from app.services import households
    with open_store(args) as store:
        data = given(args, HOUSEHOLD_OPTS) | sets(args.set)
        record = households.update_household(store, households.get_household(store, args.id)["id"], data)
    emit(args, record, f"已保存 (saved): {record['head_name']} revision {record['revision']}")


def cmd_household_delete(args):
    from app.services import households
    with open_store(args) as store:
        record = households.delete_household(store, households.get_household(store, args.id)["id"], args.reason)
    emit(args, {"id": record["id"], "deleted": True}, f"已删除 (deleted): {record['head_name']}")


def cmd_household_show(args):
    from app.services import profile
    with open_store(args) as store:
        data = profile.household_profile(store, args.id, today(args))
    emit(args, data, profile.render_text(data))


TEXT_LIMIT = 200


def cmd_households(args):
    from app.services import households
    # JSON is the whole list unless --limit asks for a page, which then says what it left out.
    limit = args.limit if args.limit is not None else None if args.json else TEXT_LIMIT
    with open_store(args) as store:
        rows = households.list_households(store, args.search, args.category, args.group, limit or None)
        total = (households.count_households(store, args.search, args.category, args.group)
                 if limit and len(rows) == limit else len(rows))
    if args.json:  # the text table is not made: it costs more than the query at village scale
        emit(args, rows if args.limit is None else {"households": rows, "total": total, "truncated": total > len(rows)})
        return
    more = f"，共 {total} 户，只列出 {len(rows)} 户 (showing {len(rows)} of {total}; --limit 0 for all)" \
        if total > len(rows) else ""
    shown = [{**r, "category": zh(HouseholdCategory, r["category"])} for r in rows]
    emit(args, rows, table(shown, [("number", "户编号"), ("head_name", "户主"), ("category", "类别"),
                                   ("group_name", "村民小组"), ("phone", "电话"), ("id", "id")])
         + f"\n{len(rows)} 户{more}")


def cmd_member_add(args):
    from app.services import households
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"]
        record = households.add_member(store, hid, given(args, MEMBER_OPTS) | sets(args.set))
    emit(args, record, f"已添加成员 (member added): {record['name']}  id={record['id']}")


def cmd_member_edit(args):
    from app.services import households
    with open_store(args) as store:
        record = households.update_member(store, args.id, given(args, MEMBER_OPTS) | sets(args.set))
    emit(args, record, f"已保存 (saved): {record['name']} revision {record['revision']}")


def register(commands: Commands) -> None:
    add = commands.add
    g = commands.group("household", "one household (一户一档)")
    for name, func in (("add", cmd_household_add), ("edit", cmd_household_edit)):
        p = add(name, func, f"{name} a household", g)
        if name == "edit":
            p.add_argument("id", help="household id or number")
        p.add_argument("--head", dest="head_name")
        for opt in HOUSEHOLD_OPTS[1:]:
            p.add_argument("--" + opt.replace("_", "-"), dest=opt)
        p.add_argument("--group", dest="group_name")
        p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="any other household field")
    p = add("show", cmd_household_show, "a household's whole file", g)
    p.add_argument("id", help="household id or number")
    p.add_argument("--today")
    p = add("delete", cmd_household_delete, "delete (tombstone) a household", g)
    p.add_argument("id")
    p.add_argument("--reason", required=True)

    p = add("households", cmd_households, "list or search households")
    p.add_argument("--search", help="name, pinyin, initials, ID or phone fragment, group")
    p.add_argument("--category")
    p.add_argument("--group")
    p.add_argument("--limit", type=int, help=f"at most N households (0: all; default: all with --json, "
                                             f"{TEXT_LIMIT} on the terminal)")

    g = commands.group("member", "household members")
    p = add("add", cmd_member_add, "add a member", g)
    p.add_argument("--household", required=True)
    p = add("edit", cmd_member_edit, "edit a member", g)
    p.add_argument("id")
    for q in (g.choices["add"], g.choices["edit"]):
        for opt in MEMBER_OPTS:
            q.add_argument("--" + opt.replace("_", "-"), dest=opt)
        q.add_argument("--set", action="append", metavar="FIELD=VALUE")
