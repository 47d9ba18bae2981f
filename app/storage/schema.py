"""The database schema as numbered migrations.

Every record table shares the record columns (uuid7 id, authorship, revision, tombstone,
hybrid-clock stamp). Columns listed in JSON_COLUMNS hold canonical JSON text (deflated for
those in packed.PACKED_COLUMNS).
Migrations are append-only: a released migration is never edited; a change is a new one,
and tests/storage/fixtures keeps stores made by earlier versions to prove the upgrade.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

RECORD_COLUMNS = """
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    device_id TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    delete_reason TEXT,
    hlc TEXT NOT NULL"""

# The record tables as migration 0001 created them. Released: never edit, add a migration.
RECORD_TABLES_0001 = {
    "users": """
        name TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1""",
    "households": """
        province TEXT, county TEXT, township TEXT, village TEXT, group_name TEXT,
        number TEXT, head_name TEXT NOT NULL, phone TEXT, address TEXT,
        category TEXT NOT NULL, monitoring_category TEXT, monitoring_since TEXT,
        residence TEXT NOT NULL DEFAULT 'at_home', flags TEXT NOT NULL DEFAULT '[]',
        risk_types TEXT NOT NULL DEFAULT '[]', risk_eliminated INTEGER NOT NULL DEFAULT 0,
        housing_grade TEXT, can_fix_housing_alone INTEGER NOT NULL DEFAULT 1,
        water_secured INTEGER NOT NULL DEFAULT 1, has_supporter INTEGER NOT NULL DEFAULT 1,
        pairing_cadre TEXT, details TEXT NOT NULL DEFAULT '{}', note TEXT""",
    "members": """
        household_id TEXT NOT NULL REFERENCES households(id),
        name TEXT NOT NULL, id_number TEXT, sex TEXT NOT NULL, birth_date TEXT NOT NULL,
        ethnicity TEXT, relation TEXT NOT NULL, education TEXT, school_status TEXT NOT NULL DEFAULT 'none',
        dropout_reason TEXT, health TEXT NOT NULL DEFAULT 'healthy', disability_grade INTEGER,
        disability_certificate INTEGER NOT NULL DEFAULT 0, labour TEXT NOT NULL DEFAULT 'ordinary',
        work_months INTEGER, work_place TEXT, employer TEXT, monthly_wage_fen INTEGER,
        welfare_post INTEGER NOT NULL DEFAULT 0, medical_insurance INTEGER NOT NULL DEFAULT 1,
        serious_illness_insurance INTEGER NOT NULL DEFAULT 0, pension_insurance INTEGER NOT NULL DEFAULT 0,
        phone TEXT, note TEXT""",
    "income_assessments": """
        household_id TEXT NOT NULL REFERENCES households(id), assessed_on TEXT NOT NULL,
        household_size INTEGER NOT NULL, items TEXT NOT NULL, net_fen INTEGER NOT NULL,
        per_capita_fen INTEGER NOT NULL, baseline_fen INTEGER, note TEXT""",
    "cases": """
        household_id TEXT NOT NULL REFERENCES households(id), state TEXT NOT NULL,
        monitoring_category TEXT, risk_types TEXT NOT NULL DEFAULT '[]', measures TEXT NOT NULL DEFAULT '[]',
        clue_date TEXT, identified_date TEXT, plan_date TEXT, eliminated_date TEXT,
        identify_by TEXT, plan_by TEXT""",
    "case_events": """
        case_id TEXT NOT NULL REFERENCES cases(id), household_id TEXT NOT NULL,
        kind TEXT NOT NULL, on_date TEXT NOT NULL, by_person TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}'""",
    "visits": """
        household_id TEXT NOT NULL REFERENCES households(id), visitor TEXT NOT NULL,
        visit_date TEXT NOT NULL, mode TEXT NOT NULL, met_person TEXT, findings TEXT NOT NULL,
        risks_seen TEXT NOT NULL DEFAULT '[]', followups TEXT, supersedes TEXT, supersede_reason TEXT""",
    "prompts": """
        month TEXT NOT NULL, title TEXT NOT NULL, issued_by TEXT, source TEXT NOT NULL DEFAULT 'team'""",
    "prompt_tasks": """
        prompt_id TEXT NOT NULL REFERENCES prompts(id), title TEXT NOT NULL, due_date TEXT,
        done_on TEXT, done_by TEXT, note TEXT""",
    "attendance": """
        person TEXT NOT NULL, month TEXT NOT NULL, days INTEGER NOT NULL, note TEXT""",
    "problem_lists": """
        title TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'team', created_on TEXT NOT NULL""",
    "problem_items": """
        list_id TEXT NOT NULL REFERENCES problem_lists(id), household_id TEXT,
        description TEXT NOT NULL, closed_on TEXT, closed_by TEXT, note TEXT""",
}

# Survey forms (migration 0002). An instance is complete (editable) or signed (locked by a
# trigger); an amendment is a new instance that supersedes. Signatures are immutable records
# that carry the strokes, so a batch to the county holds everything a signature covers.
RECORD_TABLES_0002 = {
    "form_definitions": """
        form_id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'import', definition TEXT NOT NULL""",
    "form_instances": """
        form_id TEXT NOT NULL, form_version TEXT NOT NULL, household_id TEXT REFERENCES households(id),
        state TEXT NOT NULL, answers TEXT NOT NULL, investigator TEXT, filled_on TEXT,
        supersedes TEXT, amend_reason TEXT, signed_at TEXT, signed_by TEXT, signer_key TEXT,
        content_hash TEXT, signature TEXT""",
    "form_signatures": """
        instance_id TEXT NOT NULL REFERENCES form_instances(id), role TEXT NOT NULL,
        signer_name TEXT NOT NULL, proxy INTEGER NOT NULL DEFAULT 0, proxy_reason TEXT,
        strokes TEXT NOT NULL, image_hash TEXT NOT NULL""",
}

# Handwriting (migration 0006): each user's hand sample, several names and words written on the
# pad and signed with the user's key, the reference the same-hand check compares household
# signatures with; and a reviewer's verdict on a same-hand finding, so it does not come back.
RECORD_TABLES_0006 = {
    "hand_samples": """
        user_id TEXT NOT NULL, user_name TEXT NOT NULL, recorded_on TEXT NOT NULL, items TEXT NOT NULL,
        content_hash TEXT NOT NULL, signer_key TEXT NOT NULL, signature TEXT NOT NULL""",
    "signature_reviews": """
        signature_id TEXT NOT NULL, rule TEXT NOT NULL, verdict TEXT NOT NULL, note TEXT,
        reviewed_on TEXT NOT NULL, reviewer TEXT NOT NULL""",
}

# The duties the policy documents require (migration 0007; app/core/duties.py): risk clues with
# their source and verification deadline, the half-yearly screening campaign and its per-household
# records, medical costs and months of work per year, micro-credit loans, the pairing cadre as a
# person with a history, and the team's yearly plan.
RECORD_TABLES_0007 = {
    "clues": """
        household_id TEXT NOT NULL REFERENCES households(id), source TEXT NOT NULL, department TEXT,
        found_on TEXT NOT NULL, deadline TEXT NOT NULL, description TEXT NOT NULL,
        risk_types TEXT NOT NULL DEFAULT '[]', reported_by TEXT, origin TEXT,
        handled_on TEXT, handled_by TEXT, outcome TEXT, case_id TEXT, note TEXT""",
    "screening_campaigns": """
        title TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
        scope TEXT NOT NULL DEFAULT '[]', note TEXT""",
    "screenings": """
        campaign_id TEXT NOT NULL REFERENCES screening_campaigns(id),
        household_id TEXT NOT NULL REFERENCES households(id), screened_on TEXT NOT NULL,
        screener TEXT NOT NULL, findings TEXT NOT NULL, at_risk INTEGER NOT NULL DEFAULT 0,
        risk_types TEXT NOT NULL DEFAULT '[]', clue_id TEXT""",
    "medical_costs": """
        household_id TEXT NOT NULL REFERENCES households(id), member_id TEXT, year INTEGER NOT NULL,
        out_of_pocket_fen INTEGER NOT NULL, recorded_on TEXT NOT NULL, note TEXT""",
    "work_years": """
        household_id TEXT NOT NULL REFERENCES households(id), member_id TEXT NOT NULL REFERENCES members(id),
        year INTEGER NOT NULL, months_outside INTEGER NOT NULL, place TEXT, note TEXT""",
    "loans": """
        household_id TEXT NOT NULL REFERENCES households(id), borrower TEXT, amount_fen INTEGER NOT NULL,
        start_date TEXT NOT NULL, term_months INTEGER NOT NULL, purpose TEXT NOT NULL,
        extended_to TEXT, extend_reason TEXT, repaid_on TEXT, overdue INTEGER NOT NULL DEFAULT 0, note TEXT""",
    "pairings": """
        household_id TEXT NOT NULL REFERENCES households(id), cadre TEXT NOT NULL, phone TEXT,
        start_date TEXT NOT NULL, end_date TEXT, reason TEXT""",
    "plans": """
        year INTEGER NOT NULL, title TEXT NOT NULL, note TEXT""",
    "plan_items": """
        plan_id TEXT NOT NULL REFERENCES plans(id), description TEXT NOT NULL, responsible TEXT,
        deadline TEXT, done_on TEXT, note TEXT""",
}

RECORD_TABLES = {**RECORD_TABLES_0001, **RECORD_TABLES_0002, **RECORD_TABLES_0006, **RECORD_TABLES_0007}

# Columns that migrations after 0001 added to existing record tables.
ADDED_COLUMNS = {"source_form", "down_to"}

JSON_COLUMNS = {
    "households": {"flags", "risk_types", "details"},
    "income_assessments": {"items"},
    "cases": {"risk_types", "measures"},
    "case_events": {"data"},
    "visits": {"risks_seen"},
    "form_definitions": {"definition"},
    "form_instances": {"answers"},
    "form_signatures": {"strokes"},
    "hand_samples": {"items"},
    "clues": {"risk_types"},
    "screening_campaigns": {"scope"},
    "screenings": {"risk_types"},
}

# Saved once, then never changed: corrections are new records that supersede.
IMMUTABLE_TABLES = {"visits", "case_events", "form_signatures"}

INDEXES = [
    "CREATE INDEX members_household ON members(household_id)",
    "CREATE INDEX members_id_number ON members(id_number)",
    "CREATE INDEX households_category ON households(category)",
    "CREATE INDEX households_group ON households(group_name, number)",
    # Covers the due list's roster and its per-household lookups without reading wide rows.
    "CREATE INDEX households_roster ON households(id, category, residence, risk_eliminated, deleted,"
    " head_name, group_name)",
    "CREATE INDEX visits_household ON visits(household_id, visit_date)",
    # The due list reads a year of visits by date: a covering index of live visits only.
    "CREATE INDEX visits_date ON visits(visit_date, household_id, mode) WHERE deleted = 0",
    "CREATE INDEX visits_supersedes ON visits(supersedes) WHERE supersedes IS NOT NULL",
    "CREATE INDEX incomes_household ON income_assessments(household_id, assessed_on)",
    "CREATE INDEX cases_household ON cases(household_id)",
    "CREATE INDEX case_events_case ON case_events(case_id, on_date)",
    "CREATE INDEX prompts_month ON prompts(month)",
    "CREATE INDEX prompt_tasks_prompt ON prompt_tasks(prompt_id)",
    "CREATE UNIQUE INDEX attendance_person_month ON attendance(person, month) WHERE deleted = 0",
    "CREATE INDEX problem_items_list ON problem_items(list_id)",
]

# The month, quarter and year a visit date falls in, as contact_periods keys.
def _periods(d: str) -> str:
    return (f"SELECT 'm' || substr({d}, 1, 7) AS p UNION ALL"
            f" SELECT 'q' || substr({d}, 1, 4) || '-' || ((CAST(substr({d}, 6, 2) AS INTEGER) + 2) / 3)"
            f" UNION ALL SELECT 'y' || substr({d}, 1, 4)")


_MODES = ("home", "phone", "wechat")


def _recompute(hid: str, d: str) -> str:
    """Rebuild one household's three periods around date `d` from its live visits."""
    lasts = ", ".join(f"max(CASE WHEN x.mode = '{m}' THEN x.visit_date END)" for m in _MODES)
    return f"""
    DELETE FROM contact_periods WHERE household_id = {hid} AND period IN ({_periods(d)});
    INSERT INTO contact_periods (period, household_id, last_home, last_phone, last_wechat)
        SELECT k.p, x.household_id, {lasts}
        FROM visits x JOIN ({_periods(d)}) k ON k.p IN ({_periods("x.visit_date")})
        WHERE x.household_id = {hid} AND x.deleted = 0
          AND NOT EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = x.id AND n.deleted = 0)
        GROUP BY k.p, x.household_id;"""


_OLD = "(SELECT {} FROM visits WHERE id = new.supersedes)"
_LATER = ", ".join(f"last_{m} = CASE WHEN excluded.last_{m} > coalesce(last_{m}, '') THEN excluded.last_{m}"
                   f" ELSE last_{m} END" for m in _MODES)

CONTACT_TRIGGERS = [
    f"""CREATE TRIGGER contact_periods_insert AFTER INSERT ON visits WHEN new.deleted = 0 BEGIN
        INSERT INTO contact_periods (period, household_id, last_home, last_phone, last_wechat)
            SELECT p, new.household_id, {", ".join(f"CASE new.mode WHEN '{m}' THEN new.visit_date END" for m in _MODES)}
            FROM ({_periods("new.visit_date")}) WHERE true
            ON CONFLICT (period, household_id) DO UPDATE SET {_LATER};
    END""",
    f"""CREATE TRIGGER contact_periods_supersede AFTER INSERT ON visits WHEN new.supersedes IS NOT NULL BEGIN
        {_recompute(_OLD.format("household_id"), _OLD.format("visit_date"))}
    END""",
    f"""CREATE TRIGGER contact_periods_delete AFTER UPDATE OF deleted ON visits BEGIN
        {_recompute("new.household_id", "new.visit_date")}
    END""",
]

class _Step:
    def __init__(self, name: str, fn, transactional: bool = True):
        self.name, self.fn, self.transactional = name, fn, transactional


class _Migrations:
    """The migrations in order, registered as with sqlite_utils' Migrations (same table, same
    names). sqlite_utils itself takes a tenth of a second to import, as much as the rest of a
    command's start: it is loaded only when a migration is pending."""

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[_Step] = []

    def __call__(self, *, name: str):
        def inner(fn):
            self._migrations.append(_Step(name, fn))
            return fn
        return inner

    def _real(self):
        from sqlite_utils.migrations import Migrations
        real = Migrations(self.name)
        real._migrations = list(self._migrations)
        return real

    def pending(self, db: Database) -> list:
        return self._real().pending(db)

    def applied(self, db: Database) -> list:
        return self._real().applied(db)

    def apply(self, db: Database) -> None:
        self._real().apply(db)


migrations = _Migrations("zhucun")


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # Private signing keys live apart from `users`, so no record payload ever carries them.
    db.execute("CREATE TABLE user_secrets (user_id TEXT PRIMARY KEY, signing_key TEXT NOT NULL)")
    for name, columns in RECORD_TABLES_0001.items():
        db.execute(f"CREATE TABLE {name} ({RECORD_COLUMNS},{columns})")
    for sql in INDEXES:
        db.execute(sql)
    db.execute("""CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, hlc TEXT NOT NULL, user_id TEXT NOT NULL,
        device_id TEXT NOT NULL, action TEXT NOT NULL, tbl TEXT NOT NULL, record_id TEXT NOT NULL,
        revision INTEGER NOT NULL, changes TEXT NOT NULL, record_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""")
    # The outbox names what changed, in order; a batch carries each record as it stands then,
    # so the content is stored once, in its table.
    db.execute("""CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, record_id TEXT NOT NULL, revision INTEGER NOT NULL,
        op TEXT NOT NULL, hlc TEXT NOT NULL, audit_seq INTEGER NOT NULL,
        batch_id TEXT, acked INTEGER NOT NULL DEFAULT 0)""")
    # Each household's latest visit by mode in each month ('m2026-11'), quarter ('q2026-4') and
    # year ('y2026'): the due list reads a few periods instead of a year of visits. Triggers
    # keep it exact, corrections and tombstones included.
    db.execute("""CREATE TABLE contact_periods (
        period TEXT NOT NULL, household_id TEXT NOT NULL,
        last_home TEXT, last_phone TEXT, last_wechat TEXT,
        PRIMARY KEY (period, household_id)) WITHOUT ROWID""")
    for sql in CONTACT_TRIGGERS:
        db.execute(sql)
    # Trigram full-text index: substring search over names, pinyin, ID and phone fragments.
    # Its rowid is the household's rowid, so an entry is replaced without a scan.
    db.execute("CREATE VIRTUAL TABLE household_search USING fts5(body, tokenize = 'trigram')")


@migrations(name="0002_forms")
def m0002_forms(db: Database) -> None:
    for name, columns in RECORD_TABLES_0002.items():
        db.execute(f"CREATE TABLE {name} ({RECORD_COLUMNS},{columns})")
    db.execute("CREATE UNIQUE INDEX form_definitions_version ON form_definitions(form_id, version)"
               " WHERE deleted = 0")
    db.execute("CREATE INDEX form_instances_household ON form_instances(household_id, filled_on)")
    db.execute("CREATE INDEX form_instances_supersedes ON form_instances(supersedes)"
               " WHERE supersedes IS NOT NULL")
    db.execute("CREATE INDEX form_signatures_instance ON form_signatures(instance_id)")
    # A signed form is locked for every writer, the application's and anyone else's.
    db.execute("""CREATE TRIGGER form_instances_locked BEFORE UPDATE ON form_instances
        WHEN old.state = 'signed' BEGIN SELECT RAISE(ABORT, 'signed forms are locked'); END""")
    # Drafts stay on the device (inside the encrypted database, never in a file): autosave
    # writes here without filling the audit log and the outbox with every keystroke.
    db.execute("""CREATE TABLE form_drafts (
        id TEXT PRIMARY KEY, form_id TEXT NOT NULL, form_version TEXT NOT NULL, household_id TEXT,
        answers TEXT NOT NULL, supersedes TEXT, amend_reason TEXT, instance_id TEXT,
        created_by TEXT NOT NULL, updated_at TEXT NOT NULL)""")
    # Handwriting distances between two signatures (ids in order): signatures never change, so
    # a pair is compared once; local to the device, a cache the checks can always rebuild.
    db.execute("""CREATE TABLE signature_distances (
        a TEXT NOT NULL, b TEXT NOT NULL, distance REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID""")
    # What the household file took from a signed form points back to it.
    for table in ("households", "members", "income_assessments", "visits"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN source_form TEXT")


@migrations(name="0003_print_log")
def m0003_print_log(db: Database) -> None:
    # What was printed, so a paper copy can be checked against the store: the code on its
    # pages (a hash of the printed content) and a hash per section, to say which part changed.
    # Device-local like drafts: printing changes no record, so nothing is audited or synced.
    db.execute("""CREATE TABLE print_log (
        code TEXT NOT NULL, household_id TEXT NOT NULL, kind TEXT NOT NULL, printed_at TEXT NOT NULL,
        printed_by TEXT, file TEXT, sections TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (code, household_id)) WITHOUT ROWID""")
    db.execute("CREATE INDEX print_log_household ON print_log(household_id, printed_at)")


@migrations(name="0004_sync")
def m0004_sync(db: Database) -> None:
    # Sync's own bookkeeping, local to the device like print_log: none of it is a record, so
    # nothing here is audited or sent. The device's private key lives here, inside the
    # encrypted database, with the county's public keys and where the county is.
    db.execute("CREATE TABLE sync_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # A batch is sealed once and kept, bytes and all, until its receipt arrives: a resend is
    # always the same bytes. `parts_sent` counts the parts the county has confirmed.
    db.execute("""CREATE TABLE sync_batches (
        batch_id TEXT PRIMARY KEY, created_at TEXT NOT NULL,
        outbox_from INTEGER NOT NULL, outbox_to INTEGER NOT NULL,
        size INTEGER NOT NULL, sha256 TEXT NOT NULL, part_size INTEGER NOT NULL, parts INTEGER NOT NULL,
        parts_sent INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('ready', 'done')),
        envelope BLOB, receipt TEXT, done_at TEXT)""")
    db.execute("CREATE INDEX sync_batches_state ON sync_batches(state, created_at)")
    # Records the county refused, with its reason; resolved once a later revision is accepted.
    db.execute("""CREATE TABLE sync_rejections (
        tbl TEXT NOT NULL, record_id TEXT NOT NULL, revision INTEGER NOT NULL, batch_id TEXT NOT NULL,
        reason TEXT NOT NULL, at TEXT NOT NULL, resolved_at TEXT,
        PRIMARY KEY (tbl, record_id, revision)) WITHOUT ROWID""")
    # A field edited both here and at the county: the newer edit won, the other value is kept
    # here for someone to review (values as canonical JSON).
    db.execute("""CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
        kept_value TEXT, lost_value TEXT, winner TEXT NOT NULL CHECK (winner IN ('device', 'county')),
        kept_hlc TEXT NOT NULL, lost_hlc TEXT NOT NULL, at TEXT NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE INDEX sync_conflicts_record ON sync_conflicts(tbl, record_id)")
    # A field whose value came from the county: its clock is the county's edit, not the local
    # write that applied it (`audit_seq`), so a later county edit is compared with the right time.
    db.execute("""CREATE TABLE sync_field_clocks (
        tbl TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL,
        audit_seq INTEGER NOT NULL,
        PRIMARY KEY (tbl, record_id, field)) WITHOUT ROWID""")
    # What is not yet in a batch, and the rows of one batch, without a scan of the whole outbox;
    # a record's history (a field's clock in a merge) without a scan of the whole audit log.
    db.execute("CREATE INDEX outbox_batch ON outbox(batch_id, seq)")
    db.execute("CREATE INDEX outbox_audit ON outbox(audit_seq)")
    db.execute("CREATE INDEX audit_log_record ON audit_log(tbl, record_id, seq)")


@migrations(name="0005_policy")
def m0005_policy(db: Database) -> None:
    # A problem list as the documents keep it (003 §四 问题清单、整改措施清单、责任清单; 002 列出
    # 计划、明确时限): each item with its measure, the person responsible and a deadline.
    for column in ("measure", "responsible", "deadline"):
        db.execute(f"ALTER TABLE problem_items ADD COLUMN {column} TEXT")
    db.execute("CREATE INDEX problem_items_open ON problem_items(deadline) WHERE closed_on IS NULL AND deleted = 0")


@migrations(name="0006_hand_samples")
def m0006_hand_samples(db: Database) -> None:
    for name, columns in RECORD_TABLES_0006.items():
        db.execute(f"CREATE TABLE {name} ({RECORD_COLUMNS},{columns})")
    db.execute("CREATE INDEX hand_samples_user ON hand_samples(user_id) WHERE deleted = 0")
    db.execute("CREATE INDEX signature_reviews_signature ON signature_reviews(signature_id, rule) WHERE deleted = 0")


@migrations(name="0007_duties")
def m0007_duties(db: Database) -> None:
    for name, columns in RECORD_TABLES_0007.items():
        db.execute(f"CREATE TABLE {name} ({RECORD_COLUMNS},{columns})")
    db.execute("CREATE INDEX clues_open ON clues(deadline) WHERE handled_on IS NULL AND deleted = 0")
    db.execute("CREATE INDEX clues_household ON clues(household_id)")
    db.execute("CREATE INDEX screenings_campaign ON screenings(campaign_id, household_id)")
    db.execute("CREATE INDEX medical_costs_household ON medical_costs(household_id, year)")
    db.execute("CREATE INDEX work_years_member ON work_years(member_id, year)")
    db.execute("CREATE INDEX loans_household ON loans(household_id)")
    db.execute("CREATE INDEX pairings_household ON pairings(household_id, start_date)")
    db.execute("CREATE INDEX plan_items_plan ON plan_items(plan_id)")


def _mark_due(hids: str) -> str:
    """Mark the households `hids` (a SELECT of `h`) as changed for the due list (services/due_state)."""
    return (f"INSERT INTO due_marks (household_id, seq) SELECT h, (SELECT coalesce(max(seq), 0) + 1 FROM due_marks)"
            f" FROM ({hids}) WHERE h IS NOT NULL ON CONFLICT (household_id) DO UPDATE SET seq = excluded.seq;")


@migrations(name="0008_due_marks_short_search")
def m0008_due_marks_short_search(db: Database) -> None:
    # Each household's latest change that can move its due list, whoever writes it: the due
    # list computes only the households marked since it last looked.
    db.execute("CREATE TABLE due_marks (household_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX due_marks_seq ON due_marks(seq)")
    db.execute("CREATE INDEX case_events_household ON case_events(household_id)")
    # A case's steps count only while the case stands: a case written marks its steps' households.
    steps = " UNION SELECT household_id FROM case_events WHERE case_id = {}.id"
    on = {"households": "SELECT {}.id AS h", "case_events": "SELECT {}.household_id AS h",
          "contact_periods": "SELECT {}.household_id AS h", "cases": "SELECT {}.household_id AS h" + steps,
          "income_assessments": "SELECT {}.household_id AS h"}
    for table, select in on.items():
        for event, hids in (("INSERT", select.format("new", "new")), ("DELETE", select.format("old", "old")),
                            ("UPDATE", select.format("new", "new") + " UNION " + select.format("old", "old"))):
            db.execute(f"CREATE TRIGGER due_mark_{table}_{event.lower()} AFTER {event} ON {table} BEGIN"
                       f" {_mark_due(hids)} END")
    # Queries of one or two characters look their households up here (storage/search.py).
    from app.storage import search
    search.create_grams(db.conn)


# The leader's review before a month is sealed (migration 0010; app/services/review.py): a record
# sent back to its author with a note, and the leader's signed approval of the pending range of
# the audit chain — or the village's choice to turn review off or on again, with its reason.
RECORD_TABLES_0010 = {
    "review_returns": """
        tbl TEXT NOT NULL, record_id TEXT NOT NULL, household_id TEXT, author TEXT NOT NULL,
        record_hlc TEXT NOT NULL, note TEXT NOT NULL, returned_on TEXT NOT NULL, returned_by TEXT NOT NULL,
        resolved_on TEXT""",
    "review_approvals": """
        kind TEXT NOT NULL CHECK (kind IN ('approve', 'off', 'on')), month TEXT NOT NULL,
        approver TEXT NOT NULL, approver_name TEXT NOT NULL, approved_at TEXT NOT NULL,
        audit_from INTEGER, audit_to INTEGER, audit_head TEXT, records INTEGER, reason TEXT,
        signer_key TEXT NOT NULL, signature TEXT NOT NULL""",
}
RECORD_TABLES.update(RECORD_TABLES_0010)


@migrations(name="0010_review")
def m0010_review(db: Database) -> None:
    tables = [f"CREATE TABLE {name} ({RECORD_COLUMNS},{columns})" for name, columns in RECORD_TABLES_0010.items()]
    for sql in tables + ["CREATE INDEX review_returns_record ON review_returns(tbl, record_id) WHERE deleted = 0",
                         "CREATE INDEX review_approvals_kind ON review_approvals(kind, device_id, hlc) WHERE deleted = 0"]:
        db.execute(sql)


@migrations(name="0011_outbox_pending")
def m0011_outbox_pending(db: Database) -> None:
    # How many records wait to be sent (the status bar, the sync page): counted from the index
    # alone, in (tbl, record_id) order within the unbatched rows, without reading the outbox.
    db.execute("CREATE INDEX outbox_pending ON outbox(batch_id, tbl, record_id)")


@migrations(name="0012_review_remote")
def m0012_review_remote(db: Database) -> None:
    # An approval's place in the county's records-down feed: it covers what the team's other
    # laptops sent that reached the leader's laptop by then (app/services/review_signoff.py).
    db.execute("ALTER TABLE review_approvals ADD COLUMN down_to INTEGER")


@migrations(name="0013_signature_names")
def m0013_signature_names(db: Database) -> None:
    # The checks read every live signature's names in creation order (services/checks.py): from
    # this index alone, without reading the rows that carry the strokes (0.26 → 0.04 s at 3,000).
    db.execute("CREATE INDEX form_signatures_names ON form_signatures(created_at, id, instance_id, role,"
               " signer_name, proxy) WHERE deleted = 0")


def apply(conn) -> list[str]:
    """Apply pending migrations to the connection (or its sqlite_utils Database); return their names."""
    conn = getattr(conn, "conn", conn)
    done = set()
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
        done = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                           [migrations.name])}
    pending = [m.name for m in migrations._migrations if m.name not in done]
    if pending:
        from sqlite_utils import Database
        migrations.apply(Database(conn))
    return pending
