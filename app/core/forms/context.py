"""What an expression sees while it is evaluated: the values it reads and the day it is."""
from datetime import date, datetime


class Nodeset(list):
    """Values of one question across the instances of a repeat."""


class Context:
    """What an expression sees while being evaluated.

    `lookup(name)` returns a question's value or raises KeyError; `current` is the value of the
    question being checked (`.`); `position` the 1-based repeat instance (`position(..)`);
    `now` is for now(), by default today's date at the current wall-clock time.
    """

    def __init__(self, lookup, today: date, current: object = None, position: int | None = None,
                 now: datetime | None = None, nodes=None, choice_label=None, tables=None, own=None,
                 indexed=None):
        self.lookup = lookup
        self.today = today
        self.current = current
        self.position = position
        self.now = now
        self.nodes = nodes or lookup                 # name -> every repeat instance's value
        self.choice_label = choice_label or (lambda name, value: None)
        self.tables = tables or {}                   # pulldata(): file name -> list of rows
        self.own = own or {}                         # a choice's columns, in a choice_filter
        self.indexed = indexed                       # indexed-repeat(): (name, [(repeat, n), …]) -> value
