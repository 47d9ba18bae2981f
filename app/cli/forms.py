"""`zhucun form …`: survey forms from the command line (list, import, fill, sign, amend, verify)."""
from __future__ import annotations

import json
import sys

from app.cli.runtime import EXIT_INVALID, Commands, emit, open_store, table, today
from app.core.errors import ValidationError


def _read_json(path: str, field: str, kind: str = "answers"):
    """A JSON file within the limits for its kind (size, nesting), or invalid input naming it."""
    from app.core import limits
    return limits.load_json(path, kind, field)


def _invalid(args, error) -> int:
    """Invalid answers: the list of violations as JSON on stdout, a summary on stderr, exit 3."""
    print(json.dumps([i.as_dict() for i in error.issues], ensure_ascii=False, indent=1))
    print(f"表单未通过校验 (form invalid): {len(error.issues)} 处问题", file=sys.stderr)
    for issue in error.issues[:20]:
        print(f"  {issue.path}: {issue.message}", file=sys.stderr)
    return EXIT_INVALID


def _summarised(record: dict) -> dict:
    """A filled form as printed: attached files as name, type, size and hash, not their content."""
    from app.core.forms.answers import attachment_summaries
    return {**record, "answers": attachment_summaries(record.get("answers"))}


def cmd_form_list(args):
    from app.services import forms
    with open_store(args) as store:
        rows = forms.list_forms(store, all_versions=args.all_versions)
    emit(args, rows, table(rows, [("id", "表单"), ("version", "版本"), ("title", "名称"), ("questions", "题数"),
                                  ("source", "来源")]))


def cmd_form_import(args):
    from app.services import forms
    with open_store(args) as store:
        result = forms.import_form(store, args.file)
    verb = "已导入 (imported)" if result["imported"] else "已存在，未改变 (already there, unchanged)"
    emit(args, result, f"{verb}: {result['id']} {result['version']} {result['title']}，{result['questions']} 题")


def cmd_form_prefill(args):
    from app.services import forms, households
    with open_store(args) as store:
        form = forms.get_form(store, args.form, args.version)
        hid = households.get_household(store, args.household)["id"] if args.household else None
        answers = forms.prefill(store, form, hid, today(args))
    print(json.dumps(answers, ensure_ascii=False, indent=1))


def cmd_form_fill(args):
    from app.services import forms
    answers = _read_json(args.answers, "--answers")
    if not isinstance(answers, dict):
        raise ValidationError("--answers", "a JSON object of question name to answer")
    with open_store(args) as store:
        try:
            record = forms.fill(store, args.form, args.household, answers, version=args.version,
                                filled_on=args.date, today=today(args))
        except forms.FormInvalid as e:
            return _invalid(args, e)
    emit(args, _summarised(record), f"已保存表单，待签名 (form complete, to be signed): id={record['id']}")


def cmd_form_amend(args):
    from app.services import forms
    answers = _read_json(args.answers, "--answers")
    with open_store(args) as store:
        try:
            record = forms.amend(store, args.instance, answers, args.reason, today=today(args))
        except forms.FormInvalid as e:
            return _invalid(args, e)
    emit(args, _summarised(record), f"已保存更正版本，待签名 (amendment saved, to be signed): id={record['id']}")


def _signature_file(path: str | None, field: str, proxy_name=None, proxy_reason=None):
    if path is None:
        return None
    data = _read_json(path, field, "strokes")
    if proxy_name or proxy_reason:
        strokes = data["strokes"] if isinstance(data, dict) and isinstance(data.get("strokes"), dict) else data
        return {"strokes": strokes, "proxy": True, "proxy_name": proxy_name, "proxy_reason": proxy_reason}
    return data


def cmd_form_sign(args):
    from app.services import forms
    signatures = {"investigator": _signature_file(args.investigator_strokes, "--investigator-strokes"),
                  "household": _signature_file(args.household_strokes, "--household-strokes",
                                               args.proxy_name, args.proxy_reason)}
    with open_store(args) as store:
        record = forms.sign(store, args.instance, {k: v for k, v in signatures.items() if v is not None},
                            today=today(args))
    emit(args, record, f"已签名并锁定 (signed and locked): id={record['id']} 内容哈希 {record['content_hash'][:16]}…")


def cmd_form_show(args):
    from app.services import forms
    with open_store(args) as store:
        view = _summarised(forms.instance_view(store, args.instance))
    for s in view["signatures"]:
        s["points"] = sum(len(k) for k in s["strokes"]["strokes"])
        if not args.json:
            del s["strokes"]
    lines = [f"{view['title']} {view['form_version']}  状态 {view['state']}  户 {view['household_id']}",
             f"调查人 {view['investigator']}  日期 {view['filled_on']}"]
    if view["superseded_by"]:
        lines.append(f"已被更正版本取代 (superseded by) {view['superseded_by']}")
    for s in view["signatures"]:
        lines.append(f"签名 {s['role']}: {s['signer_name']}{'（代签：' + (s['proxy_reason'] or '') + '）' if s['proxy'] else ''}"
                     f"  {s['points']} 点")
    lines.append(json.dumps(view["answers"], ensure_ascii=False, indent=1))
    emit(args, view, "\n".join(lines))


def cmd_form_instances(args):
    from app.services import forms, households
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"] if args.household else None
        rows = forms.list_instances(store, hid)
    emit(args, rows, table(rows, [("filled_on", "日期"), ("title", "表单"), ("head_name", "户主"),
                                  ("state", "状态"), ("investigator", "调查人"), ("id", "id")]))


def cmd_form_verify(args):
    from app.services import forms
    with open_store(args) as store:
        result = forms.verify(store)
    lines = [f"已核验 {result['checked']} 份签名表单 (signed forms checked)，{result['failed']} 份不一致 (failed)"]
    for r in result["forms"]:
        if not r["ok"]:
            lines.append(f"  {r['id']} ({r['form_id']}, 户 {r['household_id']}): " + "; ".join(r["problems"]))
    emit(args, result, "\n".join(lines))
    return 0 if result["ok"] else EXIT_INVALID


def register(commands: Commands) -> None:
    add, group = commands.add, commands.group
    g = group("form", "survey forms: fill, sign, verify (表单)")
    p = add("list", cmd_form_list, "forms that can be filled", g)
    p.add_argument("--all-versions", action="store_true")
    p = add("import", cmd_form_import, "import a form definition: an XLSForm (.xlsx, .xls, .md), pyxform JSON, or"
            " Zhucun .yaml/.json; choice and pulldata CSV files are read from its folder", g)
    p.add_argument("file")
    p = add("prefill", cmd_form_prefill, "print a new form's answers as the household file fills them", g)
    p.add_argument("--form", required=True)
    p.add_argument("--household")
    p.add_argument("--version")
    p.add_argument("--today")
    p = add("fill", cmd_form_fill, "save a complete form from answers in a JSON file", g)
    p.add_argument("--form", required=True)
    p.add_argument("--household", required=True)
    p.add_argument("--answers", required=True, metavar="FILE.json")
    p.add_argument("--version")
    p.add_argument("--date", help="the day the form was filled (default: today)")
    p.add_argument("--today")
    p = add("sign", cmd_form_sign, "sign a complete form and lock it", g)
    p.add_argument("instance")
    p.add_argument("--investigator-strokes", required=True, metavar="FILE.json")
    p.add_argument("--household-strokes", required=True, metavar="FILE.json")
    p.add_argument("--proxy-name", help="who signed for the head of household")
    p.add_argument("--proxy-reason", help="why the head could not sign")
    p.add_argument("--today")
    p = add("amend", cmd_form_amend, "a new version of a signed form, with the reason", g)
    p.add_argument("instance")
    p.add_argument("--answers", required=True, metavar="FILE.json")
    p.add_argument("--reason", required=True)
    p.add_argument("--today")
    p = add("show", cmd_form_show, "a filled form with its signatures; attached files as name, type and size", g)
    p.add_argument("instance")
    p = add("instances", cmd_form_instances, "filled forms", g)
    p.add_argument("--household")
    add("verify", cmd_form_verify, "check every signed form's signatures and content", g)
