"""The words a code is shown by, in one place.

Services and rules hand out codes (the enums' values of app/core/enums.py, and the status
codes below); the command line, the printed sheets, the ledgers and the window turn a code into
words here, so that every screen names a thing the same way and no screen has to read Chinese
text back into a code.

Chinese: an enum member's name is its `zh`; the other vocabularies are the tables below. The
window's English for the enums comes from its translation files, one context per enum
(app/ui/widgets/enum_labels.py); the command line prints Chinese with English beside it.
"""
from __future__ import annotations

from typing import Iterable

# A due item's state in a month (app/core/schedule.py STATUS_*).
DUE_STATUS = {"overdue": "逾期", "due": "待完成", "done": "已完成"}
# A month's work prompt (驻村工作提示) task, as the month report judges it.
TASK_STATUS = {"done": "已完成", "open": "未完成", "overdue": "逾期未完成"}
# The step of a case with a deadline (识别认定 15 days after the clue, 帮扶计划 10 after it).
CASE_STEP = {"identify": "识别认定", "plan": "帮扶计划"}
# Which side's value a sync merge kept.
SYNC_WINNER = {"device": "本机 (device)", "county": "县里 (county)"}


def zh(enum, code) -> str:
    """The Chinese name of `code` in `enum` (a ZhEnum); "" for no code, the code itself if the
    vocabulary does not know it (a record from a newer version)."""
    if code in (None, ""):
        return ""
    try:
        return enum(code).zh
    except ValueError:
        return str(code)


def zh_names(enum, codes: Iterable | None) -> list[str]:
    """The Chinese names of several codes (or of one), in their order."""
    if isinstance(codes, str):
        codes = [codes]
    return [zh(enum, c) for c in codes or [] if c]


def zh_list(enum, codes: Iterable | None, sep: str = "、") -> str:
    """Several codes' Chinese names joined as Chinese joins a list."""
    return sep.join(zh_names(enum, codes))


def case_step_zh(code: str) -> str:
    """A case step with a deadline: 识别认定, 帮扶计划, or the k-th 回头看 (`followup_k`)."""
    if code in CASE_STEP:
        return CASE_STEP[code]
    if code.startswith("followup_"):
        return f"第{int(code.split('_')[1])}次回头看"
    return code


def month_zh(month: str) -> str:
    """"2026-11" as 2026年11月."""
    year, mon = month.split("-")
    return f"{year}年{int(mon)}月"


def date_zh(iso: str | None) -> str:
    """"2026-10-30" as 2026年10月30日; anything else as given."""
    if not iso or len(iso) != 10 or iso[4] != "-" or iso[7] != "-":
        return iso or ""
    y, m, d = iso.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


# The duties' states (app/core/duties.py gives each code's Chinese): code → (Chinese, English).
CLUE_STATE = {"open": ("待核实", "awaiting verification"), "overdue": ("核实逾期", "verification overdue"),
              "handled": ("已处理", "handled")}
LOAN_STATE = {"repaid": ("已还清", "repaid"), "overdue": ("逾期", "overdue"), "due_soon": ("即将到期", "due soon"),
              "current": ("正常", "current")}
PLAN_ITEM_STATE = {"done": ("已完成", "done"), "overdue": ("逾期", "overdue"), "open": ("未完成", "open")}


def say(table: dict, code, language: str = "zh") -> str:
    """A code's words from a table of code → (Chinese, English) (these, and app/core/duties.py's
    sources, departments and outcomes), in `language` ("zh" or "en"); the code itself if the table
    does not know it."""
    if code in (None, ""):
        return ""
    pair = table.get(code)
    return str(code) if pair is None else pair[1] if language == "en" else pair[0]
