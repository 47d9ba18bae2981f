"""`zhucun config …`: the policy tables (income baselines, visit policy), data the county may
replace."""
from __future__ import annotations

import json

from app.cli.runtime import Commands, emit, open_store
from app.core.enums import Role
from app.core.errors import AccessDenied

POLICY_TABLES = {"baselines": ("baselines", "set_baselines"), "visit-policy": ("visit_policy_table", "set_visit_policy"),
                 "duties": ("duties_table", "set_duties")}


def cmd_config_show(args):
    from app.services import config
    with open_store(args) as store:
        getter = getattr(config, POLICY_TABLES[args.table][0])
        table = getter(store)
        data = table.to_dict() if hasattr(table, "to_dict") else table
    emit(args, data, json.dumps(data, ensure_ascii=False, indent=1))


def cmd_config_set(args):
    from app.services import config
    from app.core import limits
    table = limits.load_json(args.file, "config")
    with open_store(args) as store:
        if store.user["role"] != Role.LEADER.value:
            raise AccessDenied("only a team leader (队长) may replace a policy table")
        getattr(config, POLICY_TABLES[args.table][1])(store, table)
    emit(args, {"ok": True, "table": args.table}, f"已更新 (replaced): {args.table}")


def register(commands: Commands) -> None:
    g = commands.group("config", "policy tables: income baselines, visit policy (data the county may replace)")
    p = commands.add("show", cmd_config_show, "print a table as JSON", g)
    p.add_argument("table", choices=sorted(POLICY_TABLES))
    p = commands.add("set", cmd_config_set, "replace a table from a JSON file (leader only)", g)
    p.add_argument("table", choices=sorted(POLICY_TABLES))
    p.add_argument("file")
