"""Safe evaluator for XLSForm / ODK XPath expressions (relevant, constraint, calculation).

`parse` turns the text into a tree of small node classes once, when a form is loaded, so that a
wrong expression is reported with its position before anyone fills the form. `Expr.evaluate`
walks the tree; nothing is ever handed to `eval`.

Values: int and Decimal for numbers (never float: money must add exactly), str, bool, None for
empty, list[str] for select_multiple, `Nodeset` for a question inside a repeat seen from outside,
`datetime.date` from today() and date(), `datetime.datetime` from now(). As in ODK, a date in
arithmetic is the number of days since 1970-01-01.

Evaluation never raises for bad data: a bad value (unparseable date, division by zero, unknown
name) makes the sub-expression empty (None), because a person filling a form must never see a
crash. Only a form that computes text beyond MAX_TEXT raises LimitExceeded, for the engine to
name the question and the limit.
"""
import base64
import decimal
import hashlib
import math
import random
import re
import secrets
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.core import idnumber

from . import geo, shuffle
from .context import Context, Nodeset
from .regex import RegexError, compile_pattern, full_match

__all__ = ["Context", "Expr", "ExprError", "LimitExceeded", "Nodeset", "parse"]

_EPOCH = date(1970, 1, 1)
# Arithmetic runs in this context so that another module changing the thread's context cannot
# change results; overflow and invalid operations raise and become empty.
_DIGITS = 34
# Exponents are bounded too, so that no result prints as millions of digits.
_DEC = decimal.Context(prec=_DIGITS, Emax=999, Emin=-999,
                       traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
# Exceptions that bad data can cause inside an operator or function; they make the result empty.
_DATA_ERRORS = (ArithmeticError, ValueError, TypeError, IndexError, re.error)
_MAX_NESTING = 60  # keeps the recursive parser and evaluator far from Python's recursion limit
MAX_TEXT = 65_536  # characters in any value an expression computes
MAX_EXPRESSION = 10_000  # characters in an expression


class ExprError(Exception):
    """A syntax or name error in an expression, at 0-based character offset `position`."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position


class LimitExceeded(Exception):
    """A computed value beyond MAX_TEXT: the form, not the data, is at fault, so it is reported."""

    def __init__(self, limit: str):
        super().__init__(limit)
        self.limit = limit


# --- value conversions ---------------------------------------------------------------------

# ASCII digits only: \d would also accept full-width and other scripts' digits.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}.*")


def _first(v):
    """XPath reads a nodeset used as a single value as its first node."""
    return (v[0] if v else None) if isinstance(v, Nodeset) else v


def _is_empty(v) -> bool:
    return v is None or v == "" or (isinstance(v, list) and not v)


def _as_date(v) -> date | datetime | None:
    """A date or datetime from a date object or ISO text; None for anything else."""
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        s = v.strip()
        try:
            if _DATE_RE.fullmatch(s):
                return date.fromisoformat(s)
            if _DATETIME_RE.fullmatch(s):
                return datetime.fromisoformat(s).replace(tzinfo=None)
        except ValueError:  # '2024-02-30' is text, not a date
            return None
    return None


def _days(d: date) -> int | Decimal:
    if isinstance(d, datetime):
        secs = d.hour * 3600 + d.minute * 60 + d.second
        return (d.date() - _EPOCH).days + Decimal(secs) / 86400
    return (d - _EPOCH).days


def _plain_number(v) -> int | Decimal | None:
    """A number from a number or numeric text (not a date); None otherwise."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, Decimal):
        return v if v.is_finite() else None
    if isinstance(v, float):
        return Decimal(repr(v)) if math.isfinite(v) else None
    if isinstance(v, str) and _NUMBER_RE.fullmatch(s := v.strip()):
        return int(s) if "." not in s and len(s) <= _DIGITS else Decimal(s)
    return None


def _number(v) -> int | Decimal | None:
    """Number for arithmetic: dates count as days since 1970-01-01; empty or text is None (NaN)."""
    v = _first(v)
    n = _plain_number(v)
    if n is None and (d := _as_date(v)) is not None:
        n = _days(d)
    return n


def _tidy(n: Decimal) -> int | Decimal:
    """An integral Decimal result as int (so `6 div 2` is 3), unless it is too large to be exact."""
    return int(n) if n == n.to_integral_value() and n.adjusted() < _DIGITS else n


def _small(n: int | Decimal) -> int:
    """A count, index or day number, floored and clamped: int() of Decimal 1E+999999 takes minutes."""
    return math.floor(max(min(n, 10 ** 9), -10 ** 9))


def _fit(n):
    """Keep ints within _DIGITS digits (as a rounded Decimal beyond), so every result can be printed."""
    return _DEC.create_decimal(n) if isinstance(n, int) and abs(n) >= 10 ** _DIGITS else n


def _string(v) -> str:
    v = _first(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return " ".join(_string(x) for x in v)
    return str(v)


def _truthy(v) -> bool:
    return bool(v) if isinstance(v, (list, int, Decimal)) else not _is_empty(v)


def _choices(v) -> list[str]:
    """The selected values of a select_multiple answer: a list or space-separated text."""
    v = _first(v)
    if isinstance(v, list):
        return [_string(x) for x in v]
    return _string(v).split()


def _values(args) -> list:
    """Flatten nodesets and lists among aggregate arguments, dropping empties."""
    out = []
    for a in args:
        out.extend(a if isinstance(a, list) else [a])
    return [x for x in out if not _is_empty(x)]


# --- operators -----------------------------------------------------------------------------

_RELATIONAL = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
               ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _compare(op: str, a, b) -> bool:
    # A nodeset compares true when any of its values does (XPath existential comparison).
    if isinstance(a, Nodeset):
        return any(_compare(op, x, b) for x in a)
    if isinstance(b, Nodeset):
        return any(_compare(op, a, x) for x in b)
    if isinstance(a, list) or isinstance(b, list):  # select_multiple compares as its text
        a, b = _string(a) if isinstance(a, list) else a, _string(b) if isinstance(b, list) else b
    if op in ("=", "!=") and (isinstance(a, bool) or isinstance(b, bool)):
        return (_truthy(a) == _truthy(b)) == (op == "=")
    a, b = ("" if a is None else a), ("" if b is None else b)
    if a == "" or b == "":
        # Empty equals only empty; ordering against empty is false, as XPath's NaN.
        return (op == "=") == (a == b == "") if op in ("=", "!=") else False
    equality = op in ("=", "!=")
    x, y = _plain_number(a), _plain_number(b)
    # Two texts compare numerically only for ordering, so that choice names '01' = '1' is false.
    numeric = x is not None and y is not None and not (equality and isinstance(a, str) and isinstance(b, str))
    if not numeric:
        da, db = _as_date(a), _as_date(b)
        if da is not None and (db is not None or y is not None):
            x, y = _days(da), (_days(db) if db is not None else y)
        elif db is not None and x is not None:
            y = _days(db)
        else:
            x, y = _string(a), _string(b)
    if equality:
        return (x == y) == (op == "=")
    return _RELATIONAL[op](x, y)


def _arith(op: str, a, b):
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return None
    if op in ("+", "-", "*"):
        return _fit(x + y if op == "+" else x - y if op == "-" else x * y)
    if y == 0:
        return None
    if op == "div":
        if isinstance(x, int) and isinstance(y, int) and x % y == 0:
            return x // y
        return _tidy(Decimal(x) / Decimal(y))
    # mod takes the sign of the dividend, as in XPath (and C), not Python's floor modulo.
    if isinstance(x, int) and isinstance(y, int):
        r = abs(x) % abs(y)
        return r if x >= 0 else -r
    return Decimal(x) % Decimal(y)


# --- functions -----------------------------------------------------------------------------

def _date_arg(v) -> date | None:
    """date(): ISO text, a date, or a day count since 1970-01-01."""
    v = _first(v)
    d = _as_date(v)
    if d is not None:
        return d
    n = _plain_number(v)
    return None if n is None else _EPOCH + timedelta(days=_small(n))


def _day_of(v) -> date | None:
    d = _date_arg(v)
    return d.date() if isinstance(d, datetime) else d


def _years(birth: date | None, on: date | None) -> int | None:
    if birth is None or on is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _id_info(ctx: "Context", v):
    try:
        return idnumber.parse_id_number(_string(v), today=ctx.today)
    except idnumber.ValidationError:
        return None


def _on_date(ctx, on: tuple) -> date | None:
    """The optional on_date argument: today when left out, empty when given but empty."""
    return _day_of(on[0]) if on else ctx.today


def _age(ctx, birth, *on):
    return _years(_day_of(birth), _on_date(ctx, on))


def _age_from_id(ctx, s, *on):
    info = _id_info(ctx, s)
    return None if info is None else _years(info.birth_date, _on_date(ctx, on))


def _format_date(ctx, d, fmt):
    d = _date_arg(d)
    if d is None:
        return None
    dt = d if isinstance(d, datetime) else datetime(d.year, d.month, d.day)
    codes = {"Y": f"{dt.year:04d}", "y": f"{dt.year % 100:02d}", "m": f"{dt.month:02d}",
             "n": str(dt.month), "d": f"{dt.day:02d}", "e": str(dt.day),
             "H": f"{dt.hour:02d}", "M": f"{dt.minute:02d}", "S": f"{dt.second:02d}", "%": "%"}
    return re.sub(r"%(.)", lambda m: codes.get(m.group(1), m.group(0)), _string(fmt))


def _substr(ctx, s, start, *end):
    s = _string(s)
    i, j = _number(start), (_number(end[0]) if end else len(s))
    return None if i is None or j is None else s[max(_small(i), 0):max(_small(j), 0)]


def _round(x, digits=0):
    # Half-up, as ODK (and people counting money) expect; 2.5 -> 3, not banker's 2.
    digits = _small(digits)
    r = Decimal(x).quantize(Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return _tidy(r) if digits <= 0 else r


def _pow(x, y):
    if y == 0:  # Decimal refuses 0 ** 0
        return 1
    r = Decimal(x) ** Decimal(y)
    return _tidy(r) if isinstance(x, int) and isinstance(y, int) and y >= 0 else r


def _numeric(fn):
    """fn applied to every argument as a number; empty when any argument is not a number."""
    def f(ctx, *args):
        nums = [_number(a) for a in args]
        r = None if None in nums else _fit(fn(*nums))
        return None if isinstance(r, Decimal) and not r.is_finite() else r  # pow(0, -1)
    return f


def _aggregate(pick, if_none=None):
    """sum/max/min over nodesets, lists and scalars; empties are skipped, other text is NaN."""
    def f(ctx, *args):
        nums = [_number(v) for v in _values(args)]
        return None if None in nums else pick(nums) if nums else if_none
    return f


_negate = _numeric(lambda x: -x)


def _now(ctx):
    return ctx.now or datetime.combine(ctx.today, datetime.now().time().replace(microsecond=0))


def _selected_at(ctx, v, n):
    i, items = _number(n), _choices(v)
    return items[_small(i)] if i is not None and 0 <= i < len(items) else None


def _sex_from_id(ctx, s):
    info = _id_info(ctx, s)
    return None if info is None else info.sex.value


def _floor(x):
    return _tidy(Decimal(x).to_integral_value(decimal.ROUND_FLOOR))


def _ceiling(x):
    return _tidy(Decimal(x).to_integral_value(decimal.ROUND_CEILING))


def _real(fn):
    """A transcendental function (sqrt, log, sin, …) in binary floating point, as ODK computes it;
    the result comes back as a Decimal of its shortest repr."""
    def f(*xs):
        r = fn(*(float(x) for x in xs))
        return Decimal(repr(r)) if math.isfinite(r) else None
    return _numeric(f)


def _date_time(ctx, v):
    v = _first(v)
    d = _as_date(v)
    if d is not None:
        return d
    n = _plain_number(v)
    if n is None:
        return None
    days = max(min(Decimal(n), Decimal(10 ** 7)), Decimal(-10 ** 7))
    return datetime.combine(_EPOCH, datetime.min.time()) + timedelta(days=float(days))


def _decimal_time(ctx, v):
    m = re.fullmatch(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?",
                     _string(v).strip())
    if not m:
        return None
    h, mi, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    return None if h > 23 or mi > 59 or sec > 59 else _tidy(Decimal(h * 3600 + mi * 60 + sec) / 86400)


def _digest(ctx, data, algorithm, *encoding):
    algo = {"md5": "md5", "sha-1": "sha1", "sha-256": "sha256", "sha-384": "sha384",
            "sha-512": "sha512"}.get(_string(algorithm).strip().lower())
    if algo is None:
        return None
    raw = hashlib.new(algo, _string(data).encode("utf-8")).digest()
    return raw.hex() if encoding and _string(encoding[0]).lower() == "hex" else base64.b64encode(raw).decode()


def _join(ctx, sep, *args):
    return _string(sep).join(_string(x) for x in _values(args))


def _translate(ctx, s, a, b):
    a, b = _string(a), _string(b)
    table = {}
    for i, ch in enumerate(a):
        table.setdefault(ord(ch), b[i] if i < len(b) else None)
    return _string(s).translate(table)


def _substring(ctx, s, start, *length):
    """XPath substring(): 1-based start and a length, rounded as XPath rounds."""
    s, i = _string(s), _number(start)
    if i is None:
        return ""
    first = _small(_round(i))
    last = len(s) + 1 if not length else (None if (n := _number(length[0])) is None else first + _small(_round(n)))
    return "" if last is None else s[max(first, 1) - 1:max(last - 1, 0)]


def _once(ctx, x):
    """once(): the value the question already has, else x (so uuid() and random() stay put)."""
    return x if _is_empty(ctx.current) else ctx.current


def _uuid(ctx, *n):
    """uuid(): an RFC 4122 version 4 UUID; uuid(n): n random letters and digits."""
    if not n:
        return str(uuid.uuid4())
    size = _number(n[0])
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(max(0, min(_small(size), 1000)))) if size is not None else None


def _random(ctx):
    return Decimal(repr(random.random()))


def _choice_name(ctx, value, path):
    name = re.sub(r"^\$\{(.*)\}$", r"\1", _string(path).strip()).rsplit("/", 1)[-1]
    return ctx.choice_label(name, _string(value))


def _pulldata(ctx, table, column, key_column, key):
    rows = ctx.tables.get(_string(table)) or ()
    key, key_column, column = _string(key), _string(key_column), _string(column)
    return next((r.get(column, "") for r in rows if r.get(key_column) == key), "")


class _Name(str):
    """A question's name, as indexed-repeat() receives its question and repeats."""


def _indexed_repeat(ctx, values, repeat, index, *more):
    if isinstance(values, _Name):
        repeats, numbers = (repeat, *more[0::2]), [_number(n) for n in (index, *more[1::2])]
        if len(repeats) != len(numbers) or any(n is None or not isinstance(r, _Name) for r, n in zip(repeats, numbers)):
            return None
        return ctx.indexed(str(values), [(str(r), _small(n)) for r, n in zip(repeats, numbers)])
    i = _number(index)
    values = values if isinstance(values, list) else [values]
    return values[_small(i) - 1] if i is not None and 1 <= i <= len(values) else None


def _geo(measure):
    """area() / distance() over a repeat's geopoints or a ";"-separated list of points."""
    def f(ctx, v):
        values = [_string(x) for x in (v if isinstance(v, list) else [v]) if not _is_empty(x)]
        pts = geo.points(values) if values else []
        return None if pts is None else Decimal(repr(measure(pts)))
    return f


def _randomize(ctx, v, *seed):
    """randomize(nodeset[, seed]): the values in another order; a seed gives JavaRosa's order."""
    items = list(v) if isinstance(v, list) else ([] if _is_empty(v) else [v])
    if seed:
        n = _number(seed[0])
        if n is None:
            return None
        return Nodeset(shuffle.shuffle(items, int(max(min(n, 2 ** 63 - 1), -2 ** 63))))
    return Nodeset(shuffle.shuffle(items))


def _weighted_checklist(ctx, lo, hi, *pairs):
    """weighted-checklist(min, max, value, weight, …) or (min, max, values, weights): the weights of
    the true values summed, within min and max (-1: no bound)."""
    if len(pairs) == 2 and isinstance(pairs[0], list) and isinstance(pairs[1], list):
        flags, weights = list(pairs[0]), list(pairs[1])
    else:
        flags, weights = list(pairs[0::2]), list(pairs[1::2])
    if len(flags) != len(weights):
        return False
    total = 0
    for flag, weight in zip(flags, weights):
        if _truthy(flag):
            w = _number(weight)
            if w is None:
                return False
            total += w
    return _within(total, lo, hi)


# name -> (min args, max args or None for any number, implementation(ctx, *args))
FUNCTIONS = {
    "if": (3, 3, lambda ctx, c, a, b: a if _truthy(c) else b),
    "selected": (2, 2, lambda ctx, m, v: _string(v).strip() in _choices(m)),
    "count-selected": (1, 1, lambda ctx, m: len(_choices(m))),
    "selected-at": (2, 2, _selected_at),
    "count": (1, 1, lambda ctx, v: len(v) if isinstance(v, list) else int(not _is_empty(v))),
    "sum": (1, 1, _aggregate(sum, 0)),
    "max": (1, None, _aggregate(max)),
    "min": (1, None, _aggregate(min)),
    "coalesce": (2, 2, lambda ctx, a, b: b if _is_empty(a) else a),
    "string-length": (1, 1, lambda ctx, s: len(_string(s))),
    "concat": (0, None, lambda ctx, *a: "".join(_string(x) for x in a)),
    "substr": (2, 3, _substr),
    "contains": (2, 2, lambda ctx, a, b: _string(b) in _string(a)),
    "starts-with": (2, 2, lambda ctx, a, b: _string(a).startswith(_string(b))),
    "ends-with": (2, 2, lambda ctx, a, b: _string(a).endswith(_string(b))),
    "regex": (2, 2, lambda ctx, s, pattern: full_match(_string(pattern), _string(s))),
    "today": (0, 0, lambda ctx: ctx.today),
    "now": (0, 0, _now),
    "int": (1, 1, _numeric(lambda x: _tidy(Decimal(x).to_integral_value(decimal.ROUND_DOWN)))),
    "round": (1, 2, _numeric(_round)),
    "number": (1, 1, lambda ctx, x: _number(x)),
    "string": (1, 1, lambda ctx, x: _string(x)),
    "boolean": (1, 1, lambda ctx, x: _truthy(x)),
    "true": (0, 0, lambda ctx: True),
    "false": (0, 0, lambda ctx: False),
    "not": (1, 1, lambda ctx, x: not _truthy(x)),
    "date": (1, 1, lambda ctx, x: _day_of(x)),
    "format-date": (2, 2, _format_date),
    "decimal-date-time": (1, 1, lambda ctx, x: None if (d := _date_arg(x)) is None else _days(d)),
    "abs": (1, 1, _numeric(abs)),
    "pow": (2, 2, _numeric(_pow)),
    "position": (0, 1, lambda ctx, *_: ctx.position),
    "once": (1, 1, _once),
    "id-valid": (1, 1, lambda ctx, s: _id_info(ctx, s) is not None),
    "age-from-id": (1, 2, _age_from_id),
    "age": (1, 2, _age),
    "sex-from-id": (1, 1, _sex_from_id),
    # The rest of the ODK XPath function library.
    "floor": (1, 1, _numeric(_floor)),
    "ceiling": (1, 1, _numeric(_ceiling)),
    "count-non-empty": (1, 1, lambda ctx, v: len(_values([v]))),
    "join": (2, None, _join),
    "uuid": (0, 1, _uuid),
    "random": (0, 0, _random),
    "translate": (3, 3, _translate),
    "normalize-space": (0, 1, lambda ctx, *s: " ".join(_string(s[0] if s else ctx.current).split())),
    "substring-before": (2, 2, lambda ctx, a, b: _string(a).partition(_string(b))[0] if _string(b) in _string(a) else ""),
    "substring-after": (2, 2, lambda ctx, a, b: _string(a).partition(_string(b))[2]),
    "substring": (2, 3, _substring),
    "boolean-from-string": (1, 1, lambda ctx, s: _string(s).strip() in ("true", "1")),
    "date-time": (1, 1, _date_time),
    "decimal-time": (1, 1, _decimal_time),
    "digest": (2, 3, _digest),
    "format-date-time": (2, 2, _format_date),
    "jr:choice-name": (2, 2, _choice_name),
    "pulldata": (4, 4, _pulldata),
    "indexed-repeat": (3, None, _indexed_repeat),
    "sqrt": (1, 1, _real(math.sqrt)),
    "exp": (1, 1, _real(math.exp)),
    "exp10": (1, 1, _real(lambda x: 10.0 ** x)),
    "log": (1, 1, _real(math.log)),
    "log10": (1, 1, _real(math.log10)),
    "sin": (1, 1, _real(math.sin)),
    "cos": (1, 1, _real(math.cos)),
    "tan": (1, 1, _real(math.tan)),
    "asin": (1, 1, _real(math.asin)),
    "acos": (1, 1, _real(math.acos)),
    "atan": (1, 1, _real(math.atan)),
    "atan2": (2, 2, _real(math.atan2)),
    "pi": (0, 0, lambda ctx: Decimal(repr(math.pi))),
    "checklist": (2, None, lambda ctx, lo, hi, *v: _within(sum(_truthy(x) for x in _values(v)), lo, hi)),
    "weighted-checklist": (2, None, _weighted_checklist),
    "area": (1, 1, _geo(geo.area)),
    "distance": (1, 1, _geo(geo.distance)),
    "randomize": (1, 2, _randomize),
}


def _within(n, lo, hi):
    lo, hi = _number(lo), _number(hi)
    return (lo is None or lo < 0 or n >= lo) and (hi is None or hi < 0 or n <= hi)


# --- tree ----------------------------------------------------------------------------------

class _Lit:
    def __init__(self, value, pos: int):
        self.value, self.pos = value, pos

    def eval(self, ctx):
        return self.value


class _Ref:
    def __init__(self, name):
        self.name = name

    def eval(self, ctx):
        try:
            return ctx.lookup(self.name)
        except KeyError:  # callers check references() at load; at fill time it is just empty
            return None


class _Column(_Ref):
    """A choice's own column, written bare in a choice_filter (`county = ${county}`)."""

    def eval(self, ctx):
        return ctx.own.get(self.name)


class _AllOf(_Ref):
    """indexed-repeat()'s question and repeats: by name, or the question in every repeat instance."""

    def eval(self, ctx):
        if ctx.indexed is not None:
            return _Name(self.name)
        try:
            return ctx.nodes(self.name)
        except KeyError:
            return None


class _Current:
    def eval(self, ctx):
        return ctx.current


def _apply(op, a, b):
    try:
        return _arith(op, a, b) if op in ("+", "-", "*", "div", "mod") else _compare(op, a, b)
    except _DATA_ERRORS:
        return None


class _Chain:
    """Operators of one precedence, left to right (`a + b + c …`), evaluated in a loop so that a
    sum of a thousand terms needs no deeper recursion than a sum of two."""

    def __init__(self, first, rest: list):
        self.first, self.rest = first, rest   # rest: [(op, node), …]

    def eval(self, ctx):
        value = self.first.eval(ctx)
        for op, node in self.rest:
            if op == "and":
                value = _truthy(value) and _truthy(node.eval(ctx))
            elif op == "or":
                value = _truthy(value) or _truthy(node.eval(ctx))
            else:
                value = _apply(op, value, node.eval(ctx))
        return value


class _Call:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def eval(self, ctx):
        args = [a.eval(ctx) for a in self.args]
        try:
            value = self.fn(ctx, *args)
        except _DATA_ERRORS:
            return None
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise LimitExceeded(f"{MAX_TEXT} characters")
        return value


class Expr:
    """A parsed expression."""

    def __init__(self, text: str, root, refs: set[str]):
        self.text = text
        self._root = root
        self._refs = refs

    def references(self) -> set[str]:
        """Every ${name} used in the expression."""
        return set(self._refs)

    def evaluate(self, ctx: Context) -> object:
        try:
            with decimal.localcontext(_DEC):
                return self._root.eval(ctx)
        except (*_DATA_ERRORS, RecursionError):  # e.g. a very long chain of operators
            return None

    def __repr__(self):
        return f"Expr({self.text!r})"


# --- tokenizer and parser ------------------------------------------------------------------

_TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<name>[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?::[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)?)
  | (?P<op>!=|<=|>=|\.\.|[-+*=<>(),.])
""", re.VERBOSE)
_QUESTION_NAME_RE = re.compile(r"[^\W\d][\w.-]*")
_BINARY = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
           "+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}


def _tokenize(text: str) -> list[tuple[str, object, int, int]]:
    """(kind, value, start, end) tuples, ending with an 'end' token."""
    tokens, i = [], 0
    while i < len(text):
        if text.startswith("${", i):
            m = _QUESTION_NAME_RE.match(text, i + 2)
            end = m.end() if m else i + 2
            if end == len(text):
                raise ExprError("Unclosed '${'", i)
            if text[end] != "}":
                raise ExprError(f"Expected '}}' to close '${{' but found {text[end]!r}", end)
            if not m:
                raise ExprError("Empty question name", i)
            tokens.append(("ref", m.group(), i, end + 1))
            i = end + 1
            continue
        m = _TOKEN_RE.match(text, i)
        if not m:
            if text[i] in "'\"":
                raise ExprError("Unclosed string", i)
            if text[i] == "/":  # XPath steps: instance('list')/root/item[...], /data/q, ../q
                raise ExprError("XPath paths (instance('…')/root/item…, /data/…) are not supported: "
                                "use ${name}, jr:choice-name() or pulldata()", i)
            raise ExprError(f"Unexpected character {text[i]!r}", i)
        kind, value = m.lastgroup, m.group()
        if kind == "num":
            value = Decimal(value) if "." in value or len(value) > _DIGITS else int(value)
        elif kind == "str":
            value = value[1:-1]
        if kind != "ws":
            tokens.append((kind, value, i, m.end()))
        i = m.end()
    tokens.append(("end", None, len(text), len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, columns: frozenset | None = None):
        self.text = text
        self.columns = columns
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0
        self.refs: set[str] = set()

    @property
    def tok(self):
        return self.tokens[self.i]

    def advance(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def is_op(self, value) -> bool:
        return self.tok[0] == "op" and self.tok[1] == value

    def describe(self, tok) -> str:
        return "end of expression" if tok[0] == "end" else repr(self.text[tok[2]:tok[3]])

    def parse(self):
        if self.tok[0] == "end":
            raise ExprError("Expression is empty", 0)
        root = self.expr(1)
        if self.tok[0] != "end":
            raise ExprError(f"Unexpected {self.describe(self.tok)}; expected an operator", self.tok[2])
        return root

    def binary_op(self):
        kind, value = self.tok[:2]
        if (kind == "op" or (kind == "name" and value in ("and", "or", "div", "mod"))) and value in _BINARY:
            return value
        return None

    def expr(self, min_prec: int):
        # Precedence climbing: each loop absorbs operators at least as strong as min_prec.
        left = self.unary()
        while (op := self.binary_op()) is not None and _BINARY[op] >= min_prec:
            level, rest = _BINARY[op], []
            while (op := self.binary_op()) is not None and _BINARY[op] == level:
                self.advance()
                rest.append((op, self.expr(level + 1)))
            left = _Chain(left, rest)
        return left

    def unary(self):
        negations = 0
        while self.is_op("-"):
            self.nested(self.advance()[2])
            negations += 1
        node = self.primary()
        self.depth -= negations
        for _ in range(negations):
            node = _Call(_negate, [node])
        return node

    def nested(self, pos: int):
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise ExprError("Expression is nested too deeply", pos)

    def close(self, open_pos: int, what: str):
        if self.is_op(")"):
            self.advance()
            self.depth -= 1
        elif self.tok[0] == "end":
            raise ExprError(f"Unclosed '(' of {what}", open_pos)
        else:
            raise ExprError(f"Expected ')' or ',' but found {self.describe(self.tok)}", self.tok[2])

    def primary(self):
        kind, value, pos, _ = self.advance()
        if kind in ("num", "str"):
            return _Lit(value, pos)
        if kind == "ref":
            self.refs.add(value)
            return _Ref(value)
        if kind == "op" and value == ".":
            return _Current()
        if kind == "op" and value == "(":
            self.nested(pos)
            node = self.expr(1)
            self.close(pos, "parenthesis")
            return node
        if kind == "name":
            if not self.is_op("(") and self.columns is not None:  # a choice's column, bare in a choice_filter
                return _Column(value)
            if not self.is_op("("):
                raise ExprError(f"Unknown name {value!r}; a question is written ${{{value}}}", pos)
            return self.call(value, pos)
        if kind == "end":
            raise ExprError("Expression ends where a value is expected", pos)
        if value == "..":
            raise ExprError("'..' is only allowed in position(..)", pos)
        raise ExprError(f"Expected a value but found {value!r}", pos)

    def call(self, name: str, pos: int):
        if name not in FUNCTIONS:
            raise ExprError(f"Unknown function {name!r}", pos)
        lo, hi, fn = FUNCTIONS[name]
        open_pos = self.advance()[2]
        self.nested(open_pos)
        args = []
        if name == "position" and self.is_op(".."):
            args.append(_Lit(None, self.advance()[2]))
        elif not self.is_op(")"):
            args.append(self.expr(1))
            while self.is_op(","):
                self.advance()
                args.append(self.expr(1))
        self.close(open_pos, f"{name}()")
        if len(args) < lo or (hi is not None and len(args) > hi):
            want = str(lo) if lo == hi else f"at least {lo}" if hi is None else f"{lo} to {hi}"
            plural = "" if want == "1" else "s"
            raise ExprError(f"{name}() takes {want} argument{plural}, got {len(args)}", pos)
        if name == "indexed-repeat" and isinstance(args[0], _Ref):
            args[0] = _AllOf(args[0].name)
            args[1::2] = [_AllOf(a.name) if type(a) is _Ref else a for a in args[1::2]]
        if name == "jr:choice-name" and isinstance(args[1], _Lit) and isinstance(args[1].value, str):
            m = re.fullmatch(r"\s*\$\{([^}]+)\}\s*", args[1].value)
            if m:
                self.refs.add(m.group(1))
        if name == "regex" and isinstance(args[1], _Lit) and isinstance(args[1].value, str):
            try:
                compile_pattern(args[1].value)
            except RegexError as e:
                raise ExprError(f"Invalid regular expression: {e}", args[1].pos) from None
        return _Call(fn, args)


def parse(text: str, columns: frozenset | None = None) -> Expr:
    """Parse an expression; raise ExprError (with position) for syntax, unknown function or arity.
    `columns` (a choice list's columns) allows bare names, as a choice_filter reads them; a name
    that is not one of them is empty there, as XPath reads a missing child."""
    if not isinstance(text, str):
        raise ExprError("Expression must be text", 0)
    if len(text) > MAX_EXPRESSION:
        raise ExprError(f"Expression is longer than {MAX_EXPRESSION} characters", MAX_EXPRESSION)
    p = _Parser(text, columns)
    root = p.parse()
    return Expr(text, root, p.refs)
