"""The data-quality checks auditors run (DOMAIN §8, §4 five situations, §5).

Each rule has an id (`member.id_checksum`), a severity, a Chinese title and a hint to fix it.
The functions here are pure: they take plain record dicts (as the store holds them) and
already-decoded facts, and yield `Finding`s. A finding asks a person to look; it never blocks.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Iterable, Iterator

from .enums import CaseState, Health, HouseholdCategory, LabourCapacity, Relation, RiskType, SchoolStatus, Sex
from .errors import ValidationError
from .household import LEDGER_ELIMINATED, age_on
from .idnumber import mask_id_number, parse_id_number
from .income import HIGH_IDENTIFICATION_FEN, LOW_PER_CAPITA_FEN, MAX_MONTHLY_WAGE_FEN, MIN_MONTHLY_WAGE_FEN
from .monitoring import CaseStatus, missing_measures
from .situations import TITLES_ZH, HouseholdFacts, check_situations, yuan

SEVERITIES = ("error", "warning", "review")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "review": "待核实"}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    hint: str


_RULES = [
    # Forms and visits: "谁采集、谁录入、谁负责" (003 #21, #23).
    Rule("form.no_investigator", "error", "表单未填调查人", "请调查人补填姓名并签名（谁采集、谁负责）；已签名的表单以修订方式更正。"),
    Rule("form.no_date", "error", "表单未填调查日期", "补填入户调查的日期；已签名的表单以修订方式更正。"),
    Rule("form.future_date", "error", "表单日期晚于今天", "核对调查日期和电脑时钟，以修订方式更正。"),
    Rule("visit.no_visitor", "error", "走访记录未写走访人", "以更正记录补上走访人姓名。"),
    Rule("visit.future_date", "error", "走访日期晚于今天", "核对走访日期和电脑时钟，以更正记录改正日期。"),
    # Fabrication signs auditors found.
    Rule("income.identical", "warning", "与其他户收支完全相同", "逐户入户核实各项收入和支出，按实际重新核算，不得照抄。"),
    Rule("signature.same_hand", "warning", "户主签名与调查人签名笔迹相似",
         "核实是否户主本人签名；如由他人代签，应注明代签人和原因，并由户主补签或按手印。"),
    Rule("signature.matches_investigator", "warning", "农户签名与调查人笔迹相似",
         "核实是否农户本人签名；调查人不得代农户签名，应重新入户请农户本人签名。"),
    # Members and household structure (national logic checks).
    Rule("member.id_checksum", "error", "身份证号无效", "对照户口簿或身份证核对号码，改正后保存。"),
    Rule("member.id_duplicate", "error", "身份证号重复", "同一身份证号只能登记一人：核对两处成员，删除重复或改正号码。"),
    Rule("member.id_mismatch", "error", "出生日期或性别与身份证号不符", "以身份证为准改正出生日期或性别，或改正号码。"),
    Rule("household.head_spouse_same_sex", "error", "户主与配偶性别相同", "核对户主和配偶的性别及与户主关系。"),
    Rule("household.no_head", "error", "没有户主", "在成员中指定户主（与户主关系为“户主”）。"),
    Rule("household.several_heads", "error", "户主不止一人", "一户只有一位户主，改正其他成员的与户主关系。"),
    Rule("member.school_age", "warning", "年龄与在校情况不符",
         "核对出生日期和在校阶段；6–16岁不在校的应填写辍学或未入学原因。"),
    Rule("member.labour_minor", "warning", "未满16岁或在校生有劳动能力", "未满16岁或在校生的劳动技能应为“无劳动力”。"),
    Rule("member.disability_no_certificate", "warning", "残疾但未持残疾证",
         "核实是否办理残疾证；未办理的协助办证，已办理的勾选持证。"),
    Rule("member.wage_range", "warning", "月工资不在合理范围", "核实月工资（元/月），月工资应在100元至30,000元之间。"),
    Rule("member.welfare_post_age", "warning", "公益岗位人员年龄不符", "公益性岗位人员应为16–69岁，核实岗位人员或出生日期。"),
    Rule("member.no_medical_insurance", "warning", "未参加基本医疗保险", "动员参加城乡居民基本医疗保险，困难群众可申请资助参保。"),
    # Income plausibility: each needs a written note.
    Rule("income.per_capita_low", "review", "人均纯收入低于4,000元未说明", "核实收入是否漏算；属实的在收入备注中写明原因。"),
    Rule("income.identification_high", "review", "识别时人均纯收入高于20,000元未说明",
         "核实识别纳入的依据（如大病支出、突发困难），在收入备注中写明。"),
    # Monitoring cases (DOMAIN §4).
    Rule("case.risk_without_measure", "error", "风险类型没有对应的帮扶措施", "为该风险类型落实对应措施（如因病→健康帮扶或综合保障）。"),
    Rule("case.eliminated_below_baseline", "error", "风险已消除但人均纯收入低于基准线",
         "核实收入；收入未稳定超过基准线的应回退，继续监测帮扶。"),
    Rule("case.no_measures", "error", "监测户没有帮扶措施", "制定帮扶计划，落实针对性帮扶措施。"),
    Rule("case.eliminated_without_case", "error", "标注风险已消除，但没有风险消除记录",
         "在监测帮扶案例中按程序核实收入、“三保障”和饮水安全后记录风险消除；台账标注有误的，改正台账 (003 #11)。"),
    Rule("case.identify_deadline", "warning", "识别认定超过15天", "发现风险线索后15天内完成入户核查和识别认定。"),
    Rule("case.plan_deadline", "warning", "帮扶计划超过10天", "识别纳入后10天内制定帮扶计划、落实帮扶措施。"),
    Rule("case.followup_deadline", "warning", "回头看逾期", "风险消除后一年内每季度回头看一次，尽快入户补做。"),
    Rule("case.invalid_history", "error", "案例步骤记录有误", "按时间核对案例的各个步骤，补录或更正有误的步骤。"),
    Rule("household.no_pairing_cadre", "warning", "监测户没有帮扶责任人", "为监测户落实帮扶责任人（“五个一”）。"),
    Rule("household.serious_illness_unchecked", "review", "成员患大病但未核查返贫风险",
         "入户核实大病自付费用负担；超过上年当地人均可支配收入25%的，作为风险线索核查。"),
    # The duties (app/core/duties.py; findings in app/services/duty_checks.py).
    Rule("clue.overdue", "warning", "风险线索逾期未核实", "15天内核实线索：开启监测程序，或写明核实无风险的情况。"),
    Rule("screening.not_screened", "warning", "排查期已过仍未排查", "补做本户排查并记录排查人、日期和发现。"),
    Rule("income.sharp_drop", "warning", "人均纯收入骤减", "入户核实减收原因；属实的作为风险线索核查 (003 #3)。"),
    Rule("income.check_missing", "warning", "超过一个季度没有收入测算", "每季度监测脱贫户和监测户增收情况 (003 #6)：补做收入测算。"),
    Rule("medical.large_costs", "warning", "自付医疗费用超过上年人均可支配收入的25%",
         "作为风险线索核查，落实医疗救助、再救助 (003 #12)。"),
    Rule("work.unstable", "review", "务工不足6个月", "了解务工情况，落实稳岗就业帮扶 (003 #2)。"),
    Rule("work.falling", "review", "务工月数比上年减少", "了解减少的原因，防止因务工就业不稳返贫。"),
    Rule("loan.overdue", "warning", "小额信贷逾期", "联系农户和银行，了解逾期原因，协助续贷或展期 (003 #6)。"),
    Rule("loan.due_soon", "review", "小额信贷即将到期", "提醒农户按期还款，或及时办理续贷、展期。"),
    Rule("pairing.visit_not_by_cadre", "warning", "监测户上月未由帮扶责任人入户", "帮扶责任人每月入户走访一次 (003 #18 “五个一”)。"),
    Rule("pairing.no_history", "review", "帮扶责任人没有结对记录", "在结对帮扶中登记责任人及开始日期，更换须写明原因。"),
    Rule("plan.item_overdue", "warning", "年度计划事项逾期", "按计划推进，完成后标记完成，或写明调整原因。"),
] + [Rule(f"situation.{n}", "warning", f"应纳入监测（情形{n}）",
          "核实情况；属实的作为风险线索，按程序识别纳入监测。") for n in sorted(TITLES_ZH)]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    household_id: str | None
    household: str          # head name and household number, for display
    field: str
    message: str            # names the member or value that triggered it
    hint: str
    record: tuple[str, str] | None = None   # (table, id) of the record concerned

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "title": self.title,
                "household_id": self.household_id, "household": self.household, "field": self.field,
                "message": self.message, "hint": self.hint,
                "record": {"table": self.record[0], "id": self.record[1]} if self.record else None}


def label(household: dict | None) -> str:
    """张三（430521001）: how a finding names its household."""
    if not household:
        return ""
    number = household.get("number")
    return f"{household['head_name']}（{number}）" if number else household["head_name"]


def finding(rule_id: str, household: dict | None, field: str, message: str,
            record: tuple[str, str] | None = None) -> Finding:
    rule = RULES[rule_id]
    return Finding(rule.id, rule.severity, household["id"] if household else None, label(household), field,
                   message, rule.hint, record)


def selected(rule_id: str, prefixes: Iterable[str] | None) -> bool:
    """Whether `rule_id` is among the rules asked for ("member" or "member.id" select by prefix)."""
    return prefixes is None or any(rule_id.startswith(p) for p in prefixes)


def sort_key(f: Finding, number: str | None = None) -> tuple:
    """Worst first, then by household (its number when given: the village's own order)."""
    return (SEVERITIES.index(f.severity), f.household_id is None, number or "", f.household, f.rule, f.message)


# -- members and household structure ---------------------------------------------------------

_STAGES = {SchoolStatus.PRIMARY.value: (6, 14), SchoolStatus.JUNIOR.value: (12, 17),
           SchoolStatus.SENIOR.value: (15, 20)}
_OUT_OF_SCHOOL = (SchoolStatus.NONE.value, SchoolStatus.DROPPED_OUT.value)
COMPULSORY_CHECK_AGES = range(6, 17)   # 6–16 岁不在校须说明原因 (national check)


def _who(m: dict, age: int | None = None) -> str:
    rel = Relation(m["relation"]).zh if m.get("relation") in Relation._value2member_map_ else m.get("relation")
    return f"{m['name']}（{rel}{f'，{age}岁' if age is not None else ''}）"


def _m(m: dict) -> tuple[str, str]:
    return ("members", m["id"])


def member_findings(household: dict, m: dict, today: date) -> Iterator[Finding]:
    """The national logic checks on one member."""
    yield from _identity(household, m, today)
    age = _age(m, today)
    status = m.get("school_status") or SchoolStatus.NONE.value
    student = status in SchoolStatus._value2member_map_ and SchoolStatus(status).is_student
    if age is not None:
        yield from _school(household, m, age, status)
        if m.get("welfare_post") and not 16 <= age < 70:
            yield finding("member.welfare_post_age", household, "welfare_post",
                          f"{_who(m, age)}在公益岗位，年龄应为16–69岁", _m(m))
    if (age is not None and age < 16 or student) and m.get("labour") not in (None, LabourCapacity.NONE.value):
        why = f"{age}岁" if age is not None and age < 16 else f"在校生（{SchoolStatus(status).zh}）"
        yield finding("member.labour_minor", household, "labour",
                      f"{_who(m)}{why}，劳动技能却为{_zh(LabourCapacity, m['labour'])}", _m(m))
    if (m.get("health") == Health.DISABLED.value or m.get("disability_grade")) and not m.get("disability_certificate"):
        grade = f"{m['disability_grade']}级" if m.get("disability_grade") else ""
        yield finding("member.disability_no_certificate", household, "disability_certificate",
                      f"{_who(m)}{grade}残疾，未登记持有残疾证", _m(m))
    wage = m.get("monthly_wage_fen")
    # A wage of 0 with no months worked means "did not work", not an implausible wage.
    if wage is not None and not (wage == 0 and not m.get("work_months")) and \
            not MIN_MONTHLY_WAGE_FEN <= wage <= MAX_MONTHLY_WAGE_FEN:
        yield finding("member.wage_range", household, "monthly_wage_fen",
                      f"{_who(m)}月工资{yuan(wage)}，{'低于100元' if wage < MIN_MONTHLY_WAGE_FEN else '高于30,000元'}",
                      _m(m))
    if not m.get("medical_insurance", 1):
        yield finding("member.no_medical_insurance", household, "medical_insurance",
                      f"{_who(m)}未参加城乡居民基本医疗保险", _m(m))


def _age(m: dict, today: date) -> int | None:
    try:
        return age_on(m["birth_date"], today) if m.get("birth_date") else None
    except ValueError:
        return None  # a date the store should never hold: the ID rules name the member


def _zh(enum, code) -> str:
    return enum(code).zh if code in enum._value2member_map_ else str(code)


def _identity(household: dict, m: dict, today: date) -> Iterator[Finding]:
    number = m.get("id_number")
    if not number:
        return
    try:
        # A birth year before 1900 was confirmed by a person when saved: only the number's form counts.
        info = parse_id_number(number, today=today, allow_early_birth=True)
    except ValidationError as e:
        reason = str(e).split(":", 1)[-1].split("(")[0].strip()
        yield finding("member.id_checksum", household, "id_number",
                      f"{_who(m)}的身份证号{mask_id_number(number)}无效：{reason}", _m(m))
        return
    if m.get("birth_date") and m["birth_date"] != info.birth_date.isoformat():
        yield finding("member.id_mismatch", household, "birth_date",
                      f"{_who(m)}出生日期{m['birth_date']}，身份证号所示为{info.birth_date.isoformat()}", _m(m))
    if m.get("sex") and m["sex"] != info.sex.value:
        yield finding("member.id_mismatch", household, "sex",
                      f"{_who(m)}性别为{_zh(Sex, m['sex'])}，身份证号所示为{info.sex.zh}", _m(m))


def _school(household: dict, m: dict, age: int, status: str) -> Iterator[Finding]:
    stage = _STAGES.get(status)
    if stage and not stage[0] <= age <= stage[1]:
        yield finding("member.school_age", household, "school_status",
                      f"{_who(m, age)}在校阶段为{SchoolStatus(status).zh}，该阶段年龄应为{stage[0]}–{stage[1]}岁", _m(m))
    if age in COMPULSORY_CHECK_AGES and status in _OUT_OF_SCHOOL and not (m.get("dropout_reason") or "").strip():
        yield finding("member.school_age", household, "dropout_reason",
                      f"{_who(m, age)}不在校（{SchoolStatus(status).zh}），未填写原因", _m(m))


def household_findings(household: dict, members: list[dict], today: date) -> Iterator[Finding]:
    """Structure of the household (one head, head and spouse of opposite sexes), its members,
    and the pairing cadre every monitored household must have."""
    heads = [m for m in members if m.get("relation") == Relation.HEAD.value]
    if not heads:
        yield finding("household.no_head", household, "relation",
                      f"本户{len(members)}名成员中没有户主" if members else "本户没有登记成员")
    elif len(heads) > 1:
        yield finding("household.several_heads", household, "relation",
                      f"本户有{len(heads)}位户主：{'、'.join(m['name'] for m in heads)}")
    for head in heads[:1]:
        for spouse in (m for m in members if m.get("relation") == Relation.SPOUSE.value):
            if spouse.get("sex") and spouse["sex"] == head.get("sex"):
                yield finding("household.head_spouse_same_sex", household, "sex",
                              f"户主{head['name']}与配偶{spouse['name']}性别都是{_zh(Sex, head['sex'])}", _m(spouse))
    for m in members:
        yield from member_findings(household, m, today)
    if household.get("category") == HouseholdCategory.MONITORED.value and not household.get("risk_eliminated") \
            and not (household.get("pairing_cadre") or "").strip():
        yield finding("household.no_pairing_cadre", household, "pairing_cadre", "监测户（风险未消除）没有登记帮扶责任人")


def duplicate_ids(members: Iterable[dict], households: dict[str, dict]) -> Iterator[Finding]:
    """Members of live households sharing one ID number; each names where else it is."""
    by_number: dict[str, list[dict]] = {}
    for m in members:
        if m.get("id_number"):
            by_number.setdefault(m["id_number"].strip().upper(), []).append(m)
    for number, group in by_number.items():
        if len(group) < 2:
            continue
        for m in group:
            others = "、".join(f"{label(households.get(o['household_id']))}的{o['name']}" for o in group if o is not m)
            yield finding("member.id_duplicate", households.get(m["household_id"]), "id_number",
                          f"{_who(m)}的身份证号{mask_id_number(number)}也登记在{others}", _m(m))


# -- income ------------------------------------------------------------------------------------

def income_findings(household: dict, latest: dict | None, at_identification: dict | None) -> Iterator[Finding]:
    """Per-capita income that needs a note (< 4,000 yuan; > 20,000 yuan at identification),
    and elimination with the latest income below the baseline."""
    if latest and latest["per_capita_fen"] < LOW_PER_CAPITA_FEN and not (latest.get("note") or "").strip():
        yield finding("income.per_capita_low", household, "per_capita_fen",
                      f"{latest['assessed_on']}核算人均纯收入{yuan(latest['per_capita_fen'])}，低于4,000元，未写说明",
                      ("income_assessments", latest["id"]))
    ident = at_identification
    if ident and ident["per_capita_fen"] > HIGH_IDENTIFICATION_FEN and not (ident.get("note") or "").strip():
        yield finding("income.identification_high", household, "per_capita_fen",
                      f"识别纳入依据的{ident['assessed_on']}核算人均纯收入{yuan(ident['per_capita_fen'])}，"
                      f"高于20,000元，未写说明", ("income_assessments", ident["id"]))
    eliminated = household.get("category") == HouseholdCategory.MONITORED.value and household.get("risk_eliminated")
    if eliminated and latest and latest.get("baseline_fen") and latest["per_capita_fen"] < latest["baseline_fen"]:
        yield finding("case.eliminated_below_baseline", household, "per_capita_fen",
                      f"已标注风险消除，但{latest['assessed_on']}核算人均纯收入{yuan(latest['per_capita_fen'])}"
                      f"低于基准线{yuan(latest['baseline_fen'])}", ("income_assessments", latest["id"]))


def _item_key(items: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in items.items() if v))


def identical_incomes(latest: dict[str, dict], households: dict[str, dict]) -> Iterator[Finding]:
    """Households whose latest assessment has exactly the same non-zero items as another's."""
    groups: dict[tuple, list[str]] = {}
    for hid, income in latest.items():
        key = _item_key(income["items"])
        if key:
            groups.setdefault(key, []).append(hid)
    for key, hids in groups.items():
        if len(hids) < 2:
            continue
        for hid in hids:
            others = [label(households[o]) for o in hids if o != hid]
            shown = "、".join(others[:5]) + (f"等{len(others)}户" if len(others) > 5 else "")
            yield finding("income.identical", households[hid], "items",
                          f"{latest[hid]['assessed_on']}核算的{len(key)}项收支金额与{shown}完全相同",
                          ("income_assessments", latest[hid]["id"]))


# -- visits and forms --------------------------------------------------------------------------

def visit_findings(household: dict | None, visit: dict, today: date) -> Iterator[Finding]:
    record = ("visits", visit["id"])
    if not (visit.get("visitor") or "").strip():
        yield finding("visit.no_visitor", household, "visitor", f"{visit['visit_date']}的走访记录没有写走访人", record)
    if visit.get("visit_date") and visit["visit_date"] > today.isoformat():
        yield finding("visit.future_date", household, "visit_date",
                      f"走访日期{visit['visit_date']}晚于今天{today.isoformat()}", record)


def form_findings(household: dict | None, form: dict, today: date) -> Iterator[Finding]:
    record = ("form_instances", form["id"])
    name = form.get("title") or form.get("form_id") or "表单"
    when = form.get("filled_on")
    if not (form.get("investigator") or "").strip():
        yield finding("form.no_investigator", household, "investigator",
                      f"“{name}”{f'（{when}）' if when else ''}没有填写调查人", record)
    if not when:
        yield finding("form.no_date", household, "filled_on",
                      f"“{name}”{'（调查人' + form['investigator'] + '）' if form.get('investigator') else ''}没有填写调查日期",
                      record)
    elif when > today.isoformat():
        yield finding("form.future_date", household, "filled_on", f"“{name}”的调查日期{when}晚于今天{today.isoformat()}",
                      record)


# -- signatures --------------------------------------------------------------------------------

@dataclass(eq=False)  # not frozen: a check makes one for each of tens of thousands of signatures
class Signature:
    id: str
    instance_id: str
    household_id: str | None
    role: str                # 'investigator' | 'household'
    signer_name: str
    proxy: bool
    strokes: object          # {"width", "height", "strokes": [...]}, its JSON text, or a callable giving either
    filled_on: str | None = None

    @cached_property
    def data(self) -> dict:
        """The strokes, read from JSON only when a comparison needs them."""
        raw = self.strokes() if callable(self.strokes) else self.strokes
        return json.loads(raw) if isinstance(raw, str) else raw


def compare_strokes(a: Signature, b: Signature) -> bool:
    from .signature import same_hand
    return same_hand(a.data, b.data)


# A household signature is compared with this many of each investigator's signatures on other
# forms and flagged when most look alike: a majority of three lets one chance likeness pass.
# Each comparison is a DTW of a few milliseconds, done once per store (the distances are kept).
MAX_PER_INVESTIGATOR = 3


def investigator_samples(signatures: Iterable[Signature], per_investigator: int) -> dict[str, list[Signature]]:
    """Up to `per_investigator` signatures of each investigator, spread evenly over the ones
    given (in the order given: by date), so a hand that changed over time is represented;
    one alone is the middle one."""
    by_name: dict[str, list[Signature]] = {}
    for s in signatures:
        if s.role == "investigator" and s.signer_name.strip():
            by_name.setdefault(s.signer_name.strip(), []).append(s)
    return {name: _spread(sigs, len(sigs), per_investigator) for name, sigs in by_name.items()}


def _spread(sigs: list[Signature], n: int, per_investigator: int) -> list[Signature]:
    """Up to `per_investigator` of the first `n` of `sigs`, spread evenly."""
    step = max(1, n / per_investigator)
    return [sigs[int((k + 0.5) * step)] for k in range(min(per_investigator, n))]


def samples_before(signatures: Iterable[Signature], per_investigator: int):
    """`at(day, form)`: each investigator's sample a household line on `form`, filled on `day`,
    is judged against: up to `per_investigator` of their signatures on forms filled before
    `day`, spread evenly (`investigator_samples`); or, while they have fewer than that before
    `day` (a campaign's first days, a village whose forms share a day), their earliest
    signatures on other forms than `form`. Either stays the same as forms are added once an
    investigator has signed more than `per_investigator` forms, so the pairs a line needs are
    known when it is signed (the distances are kept: see services.signature_distances)."""
    import bisect
    by_name: dict[str, list[Signature]] = {}
    for s in signatures:
        if s.role == "investigator" and s.signer_name.strip():
            by_name.setdefault(s.signer_name.strip(), []).append(s)
    for sigs in by_name.values():
        sigs.sort(key=lambda s: s.filled_on or "")
    days = {name: [s.filled_on or "" for s in sigs] for name, sigs in by_name.items()}
    memo: dict[str, tuple[dict[str, list[Signature]], dict[str, list[Signature]]]] = {}

    def at(day: str | None, form: str | None = None) -> dict[str, list[Signature]]:
        day = day or ""
        if day not in memo:
            counts = {name: bisect.bisect_left(days[name], day) for name in by_name}
            memo[day] = ({name: _spread(sigs, counts[name], per_investigator) for name, sigs in by_name.items()
                          if counts[name] >= per_investigator},
                         {name: sigs[:per_investigator + 1] for name, sigs in by_name.items()
                          if counts[name] < per_investigator})
        before, earliest = memo[day]
        if not earliest:
            return before  # the same for every form of the day (read, never changed, by the callers)
        out = dict(before)
        for name, sigs in earliest.items():
            pool = [s for s in sigs if s.instance_id != form][:per_investigator]
            if pool:
                out[name] = pool
        return out
    return at


def signature_findings(signatures: list[Signature], households: dict[str, dict], same_hand=compare_strokes,
                       per_investigator: int = MAX_PER_INVESTIGATOR, only_household: str | None = None
                       ) -> Iterator[Finding]:
    """signature.same_hand: on one form, the household's and the investigator's signatures look
    like one hand, judged with a sample of the same investigator's signatures on other forms.
    signature.matches_investigator: a household signature looks like the hand of another
    investigator than the form's, judged by every one of a sample of their signatures. The
    samples are of forms filled before the household's, or the earliest (`samples_before`).
    Proxy signatures are compared too: a proxy is another person than the head, but never an
    investigator. `same_hand(a, b)` compares two `Signature`s."""
    by_form: dict[str, list[Signature]] = {}
    for s in signatures:
        by_form.setdefault(s.instance_id, []).append(s)
    samples_at = samples_before(signatures, per_investigator)
    for form_id, sigs in by_form.items():
        own = [s for s in sigs if s.role == "investigator"]
        own_names = {s.signer_name.strip() for s in own}
        for h in sigs:
            if h.role != "household" or only_household and h.household_id != only_household:
                continue
            samples = samples_at(h.filled_on, form_id)
            household = households.get(h.household_id)
            who = f"“{h.signer_name}”{'（代签）' if h.proxy else ''}"
            when = f"{h.filled_on}的表单上" if h.filled_on else "表单上"
            for inv in own:
                # The form's own pair, and the same investigator's hand on other forms: most of
                # them must agree, so one chance likeness between two hands is not a finding.
                name = inv.signer_name.strip()
                pool = [inv] + samples.get(name, [])
                alike = sum(1 for s in pool if same_hand(h, s))
                if alike * 2 > len(pool) or len(pool) == 1 and alike:
                    yield finding("signature.same_hand", household, "signature",
                                  f"{when}农户签名{who}与调查人{inv.signer_name}的签名笔迹相似", ("form_signatures", h.id))
            for name, sample in samples.items():
                if name in own_names:
                    continue
                # Every sampled signature of that investigator must agree: each household meets
                # every other investigator's hand, so one chance likeness is expected, and an
                # investigator signing for another's household is the rarer fabrication. Compared
                # in order, up to the first that differs (the distances kept at signing are those).
                if all(same_hand(h, s) for s in sample):
                    yield finding("signature.matches_investigator", household, "signature",
                                  f"{when}农户签名{who}与调查人{name}在其他表单上的签名笔迹相似", ("form_signatures", h.id))


# -- cases -------------------------------------------------------------------------------------

def case_findings(household: dict, cases: list[tuple[dict, CaseStatus | Exception]], today: date
                  ) -> Iterator[Finding]:
    """Deadlines, measures matching risk types, and monitored households without measures.
    `cases` are (case record, replayed status or the error replaying it raised)."""
    has_measures = False
    planning = False
    for case, status in cases:
        record = ("cases", case["id"])
        if isinstance(status, Exception):
            yield finding("case.invalid_history", household, "events", f"案例步骤无法按顺序复核：{status}", record)
            continue
        has_measures |= bool(status.measures)
        planning |= status.state in (CaseState.CLUE, CaseState.IDENTIFIED)
        yield from _deadlines(household, status, today, record)
        if status.state in (CaseState.HELPING, CaseState.ELIMINATED):
            # The household's current risk types, not only those the case was opened with (003 #23).
            missing = missing_measures(status.risk_types + _risk_types(household), status.measures)
            if missing:
                yield finding("case.risk_without_measure", household, "measures",
                              f"风险类型{'、'.join(r.zh for r in missing)}没有对应的帮扶措施（现有措施："
                              f"{'、'.join(m.zh for m in status.measures) or '无'}）", record)
    monitored = household.get("category") == HouseholdCategory.MONITORED.value
    if monitored and not has_measures and not planning:
        yield finding("case.no_measures", household, "measures",
                      "监测户没有帮扶措施" + ("" if cases else "，也没有监测帮扶案例"))
    claimed = household.get("risk_eliminated") or (household.get("details") or {}).get(LEDGER_ELIMINATED)
    if monitored and claimed and not any(not isinstance(s, Exception) and s.eliminated_date for _, s in cases):
        source = "台账" if (household.get("details") or {}).get(LEDGER_ELIMINATED) else "户信息"
        yield finding("case.eliminated_without_case", household, "risk_eliminated",
                      f"{source}标注风险已消除，但本户没有记录风险消除的监测帮扶案例（收入、“三保障”和饮水安全未经核实）")


def _risk_types(household: dict) -> tuple[RiskType, ...]:
    raw = household.get("risk_types") or []
    if isinstance(raw, str):
        raw = json.loads(raw)
    return tuple(RiskType(r) for r in raw if r in RiskType._value2member_map_)


def _deadlines(household: dict, s: CaseStatus, today: date, record) -> Iterator[Finding]:
    overdue = s.overdue(today)
    late = s.late_steps()
    if "identify" in overdue:
        yield finding("case.identify_deadline", household, "identified_date",
                      f"{s.clue_date}发现风险线索，应于{s.identify_by}前识别认定，已逾期{(today - s.identify_by).days}天",
                      record)
    elif "identify" in late:
        decided = s.identified_date or s.rejected_date
        yield finding("case.identify_deadline", household, "identified_date",
                      f"{s.clue_date}发现风险线索，{decided}才作出识别决定，超过{s.policy.identify_within_days}天", record)
    if "plan" in overdue:
        yield finding("case.plan_deadline", household, "plan_date",
                      f"应于{s.plan_by}前制定帮扶计划，已逾期{(today - s.plan_by).days}天", record)
    elif "plan" in late:
        yield finding("case.plan_deadline", household, "plan_date",
                      f"{s.identified_date}识别纳入，{s.plan_date}才制定帮扶计划，超过{s.policy.plan_within_days}天", record)
    for code in overdue:
        if code.startswith("followup_"):
            k = int(code.split("_")[1])
            yield finding("case.followup_deadline", household, "followups",
                          f"{s.eliminated_date}风险消除，第{k}次回头看应于{s.followup_due[k - 1]}前完成", record)


def illness_findings(household: dict, members: list[dict], has_case: bool) -> Iterator[Finding]:
    """大病 not assessed (DOMAIN §8): a seriously ill member in a household no case ever checked."""
    if has_case or household.get("category") == HouseholdCategory.MONITORED.value:
        return
    ill = [m for m in members if m.get("health") == Health.SERIOUS_ILLNESS.value]
    if ill:
        yield finding("household.serious_illness_unchecked", household, "health",
                      f"成员{'、'.join(m['name'] for m in ill)}患有大病，本户从未作为风险线索核查", _m(ill[0]))


def situation_findings(household: dict, facts: HouseholdFacts) -> Iterator[Finding]:
    """The five situations (003 #3) a household not under monitoring meets."""
    for f in check_situations(facts):
        yield finding(f"situation.{f.number}", household, "category", f"情形{f.number}：{f.reason_zh}")
