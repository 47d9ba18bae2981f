"""The county's database through SQLAlchemy Core: embedded SQLite by default, PostgreSQL when
given a `postgresql://` URL. Only portable types (Text, LargeBinary, Integer, BigInteger);
times are ISO-8601 UTC text, JSON is canonical JSON text.

Every write is one transaction (`engine.begin()`). On SQLite a transaction starts with
BEGIN IMMEDIATE, so two writers queue instead of failing halfway; on PostgreSQL the rows that
order writers (a device, the county) are locked with SELECT … FOR UPDATE (`lock_*`).
"""
from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from pathlib import Path

import weakref

from sqlalchemy import (BigInteger, Column, ForeignKey, ForeignKeyConstraint, Index, Integer, LargeBinary,
                        MetaData, PrimaryKeyConstraint, Table, Text, create_engine, event, exc, inspect, pool,
                        select)
from sqlalchemy.engine import URL, Connection, Engine, make_url

from . import keys

metadata = MetaData()

county = Table(
    "county", metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("sign_key_private", Text, nullable=False),   # Ed25519, wrapped by the master key (keys.py)
    Column("hpke_key_private", Text, nullable=False),   # X25519, wrapped by the master key
    Column("created_at", Text, nullable=False),
    Column("tls_sha256", Text),                         # the certificate `serve` last ran with (SHA-256, hex)
)

# PostgreSQL: the master key wrapped by the operator's passphrase (keys.py); on SQLite it is a
# file beside the database, which the key itself encrypts.
keyring = Table(
    "keyring", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc", Text, nullable=False),
)

# Single-use challenges for signed requests: issued by the county, valid a few minutes by the
# county's clock, consumed by the one request that carries them (api.py).
nonces = Table(
    "nonces", metadata,
    Column("nonce", Text, primary_key=True),
    Column("device_id", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Index("nonces_device", "device_id", "expires_at"),
)

enrollment_codes = Table(
    "enrollment_codes", metadata,
    Column("code", Text, primary_key=True),
    Column("village", Text, nullable=False),
    Column("township", Text),
    Column("server", Text),
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Column("used_by", Text),
    Column("used_at", Text),
)

devices = Table(
    "devices", metadata,
    Column("device_id", Text, primary_key=True),
    Column("store_id", Text, nullable=False),
    Column("public_key", Text, nullable=False),         # Ed25519, hex
    Column("village", Text, nullable=False),
    Column("township", Text),
    Column("label", Text),
    Column("enrolled_at", Text, nullable=False),
    Column("revoked_at", Text),
    Column("audit_head", Text, nullable=False),         # hash of the last audit entry received
    Column("audit_seq", BigInteger, nullable=False, default=0),
)

# A batch belongs to the device that sealed it: its id is the device's, never another's.
batches = Table(
    "batches", metadata,
    Column("device_id", Text, ForeignKey("devices.device_id"), nullable=False),
    Column("batch_id", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("part_size", Integer, nullable=False),
    Column("parts", Integer, nullable=False),
    Column("state", Text, nullable=False),               # receiving | done | refused
    Column("started_at", Text, nullable=False),
    Column("received_at", Text),
    Column("receipt", Text),                             # the signed receipt (JSON); for refused: the reason
    PrimaryKeyConstraint("device_id", "batch_id"),
    Index("batches_started", "device_id", "started_at"),
    # The console's batches page, newest first, read from the index alone (the receipts are large)
    Index("batches_order", "started_at", "device_id", "batch_id", "state"),
)

batch_parts = Table(
    "batch_parts", metadata,
    Column("device_id", Text, nullable=False),
    Column("batch_id", Text, nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("sha256", Text, nullable=False),
    PrimaryKeyConstraint("device_id", "batch_id", "n"),
    ForeignKeyConstraint(["device_id", "batch_id"], ["batches.device_id", "batches.batch_id"], ondelete="CASCADE"),
)

# The team leader's approval each batch carried, as the county judged it (approvals.py); the
# console's batches page shows and filters by it.
batch_reviews = Table(
    "batch_reviews", metadata,
    Column("device_id", Text, nullable=False),
    Column("batch_id", Text, nullable=False),
    Column("state", Text, nullable=False),        # approved | off | unreviewed | not_covered | refused …
    Column("verified", Integer, nullable=False, default=0),
    Column("approver", Text),                     # the leader's name
    Column("approved_at", Text),
    Column("month", Text),
    Column("audit_from", Integer),
    Column("audit_to", Integer),
    Column("reason", Text),                       # review off: why
    Column("detail", Text),                       # what the county found (JSON-free text)
    PrimaryKeyConstraint("device_id", "batch_id"),
)

records = Table(
    "records", metadata,
    Column("tbl", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("hlc", Text, nullable=False),
    Column("device_id", Text, nullable=False),
    Column("batch_id", Text),                            # null: last written by the county
    Column("deleted", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),                # the record, canonical JSON
    Column("field_hlc", Text),                           # households: {field: hlc of its last edit}
    PrimaryKeyConstraint("tbl", "id"),
    Index("records_device", "device_id", "tbl"),
)

publications = Table(
    "publications", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("village", Text),                             # null: for every village
    Column("published_at", Text, nullable=False),
    Column("doc", Text, nullable=False),                 # the signed document (JSON)
    sqlite_autoincrement=True,
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tbl", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("kept_value", Text),                          # canonical JSON
    Column("lost_value", Text),
    Column("winner", Text, nullable=False),              # device | county
    Column("kept_hlc", Text),
    Column("lost_hlc", Text),
    Column("device_id", Text),                           # the device whose batch met the county's edit
    Column("batch_id", Text),
    Column("at", Text, nullable=False),
    Column("reviewed", Integer, nullable=False, default=0),
    Index("conflicts_record", "tbl", "record_id"),
    sqlite_autoincrement=True,
)


# Records down to a village's devices (down.py): each record and conflict the county holds gets
# a place in one feed, renumbered whenever it changes, so a device asks only for what came after
# the place it has read to. Numbered under the county's lock, so no place becomes visible before
# a lower one.
down_index = Table(
    "down_index", metadata,
    Column("tbl", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("village", Text, nullable=False),             # "": withheld (written from two villages)
    Column("seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("tbl", "id"),
    Index("down_index_village", "village", "seq"),
)

down_conflicts = Table(
    "down_conflicts", metadata,
    Column("conflict_id", Integer, primary_key=True, autoincrement=False),
    Column("village", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Index("down_conflicts_village", "village", "seq"),
)

down_batches = Table(                                    # batches whose records the feed has numbered
    "down_batches", metadata,
    Column("device_id", Text, nullable=False),
    Column("batch_id", Text, nullable=False),
    PrimaryKeyConstraint("device_id", "batch_id"),
)

down_marks = Table(                                      # records the county itself changed, to number
    "down_marks", metadata,
    Column("tbl", Text, nullable=False),
    Column("id", Text, nullable=False),
    PrimaryKeyConstraint("tbl", "id"),
)

down_state = Table(
    "down_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),           # the last place given
)

# A code that enrols a new laptop in place of a lost one: the old device is revoked when the code
# is issued, and the new one is told what could not come back.
restore_codes = Table(
    "restore_codes", metadata,
    Column("code", Text, primary_key=True),
    Column("old_device_id", Text, nullable=False),
    Column("old_label", Text),
    Column("last_batch_at", Text),                       # the old device's last batch the county received
    Column("created_at", Text, nullable=False),
)

DOWN_TABLES = (down_index, down_conflicts, down_batches, down_marks, down_state, restore_codes)


# The county's web console (console/): people who sign in, their sessions (a random token whose
# SHA-256 is kept), and who viewed or exported which household.
console_users = Table(
    "console_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", Text, nullable=False),                # admin | monitor | township
    Column("township", Text),                            # the reviewer's township
    Column("password_hash", Text, nullable=False),       # Argon2id (argon2-cffi's encoded form)
    Column("created_at", Text, nullable=False),
    Column("disabled_at", Text),
    sqlite_autoincrement=True,
)

console_sessions = Table(
    "console_sessions", metadata,
    Column("token_sha256", Text, primary_key=True),
    Column("user_id", Integer, ForeignKey("console_users.id"), nullable=False),
    Column("csrf", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("seen_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Index("console_sessions_user", "user_id"),
)

access_log = Table(
    "access_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("user_name", Text, nullable=False),
    Column("action", Text, nullable=False),              # view | export
    Column("household_id", Text),                        # null: an export of many
    Column("what", Text),                                # the page or the export's purpose
    Column("client", Text),
    Index("access_log_at", "at"),
    sqlite_autoincrement=True,
)


# What the console's pages read, computed from the records and kept in the database (so every
# worker process shares it): a village's overview row and its households' rows, recomputed when
# the village's token (its batches, devices, the county's roster edits) or the day changes.
village_summaries = Table(
    "village_summaries", metadata,
    Column("village", Text, primary_key=True),
    Column("token", Text, nullable=False),
    Column("day", Text, nullable=False),
    Column("data", Text, nullable=False),                # the overview row (JSON)
    Column("computed_at", Text, nullable=False),
)

household_summaries = Table(
    "household_summaries", metadata,
    Column("village", Text, nullable=False),
    Column("household_id", Text, nullable=False),
    Column("group_name", Text, nullable=False),
    Column("number", Text, nullable=False),
    Column("head_name", Text, nullable=False),
    Column("data", Text, nullable=False),                # the village page's row (JSON)
    PrimaryKeyConstraint("village", "household_id"),
    Index("household_summaries_order", "village", "group_name", "number", "head_name"),
)

# A result the console computed from the whole county (the county checks), with the token of
# what it was computed from.
console_cache = Table(
    "console_cache", metadata,
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("token", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("name", "key"),
)

HOUSEHOLD_INDEX = {  # a record's household (its JSON's household_id), for one household's file
    "sqlite": "CREATE INDEX IF NOT EXISTS records_household ON records (tbl, json_extract(data, '$.household_id'))",
    "postgresql": "CREATE INDEX IF NOT EXISTS records_household ON records (tbl, (CAST(data AS json) ->> 'household_id'))",
}


def household_index(engine: Engine) -> None:
    """The index the console's household file reads by (made once; on a large county's
    PostgreSQL the first start after an upgrade builds it)."""
    ddl = HOUSEHOLD_INDEX.get(engine.dialect.name)
    if ddl:
        with engine.begin() as conn:
            conn.exec_driver_sql(ddl)


# The highest publication each device has read: it asks for those after the last one it read
# (GET /publications?after=N), so it holds every publication up to N (taken.py).
device_pulls = Table(
    "device_pulls", metadata,
    Column("device_id", Text, primary_key=True),
    Column("after", BigInteger, nullable=False),
    Column("at", Text, nullable=False),
)


# A conflict decided in the console, field by field: the value chosen (the one kept, or the one
# that lost, which the county then writes as its own edit and publishes to the village).
conflict_decisions = Table(
    "conflict_decisions", metadata,
    Column("conflict_id", Integer, primary_key=True, autoincrement=False),
    Column("choice", Text, nullable=False),              # kept | lost
    Column("value", Text),                               # canonical JSON of the value chosen
    Column("decided_by", Text, nullable=False),
    Column("decided_at", Text, nullable=False),
    Column("publication", Integer),                      # the roster publication that carried it down
)


# What each village contributes to the county checks across villages (console/checks.py): the
# SHA-256 of each member's ID number (kind "id", ref: the member) and of each household's latest
# income items (kind "income", ref: the assessment); the keys held in two villages are findings.
check_keys = Table(
    "check_keys", metadata,
    Column("kind", Text, nullable=False),
    Column("village", Text, nullable=False),
    Column("ref", Text, nullable=False),
    Column("household_id", Text, nullable=False),
    Column("key", Text, nullable=False),
    PrimaryKeyConstraint("kind", "village", "ref"),
    Index("check_keys_key", "kind", "key", "village"),
    Index("check_keys_village", "village"),
)


# Failed sign-ins (console) and wrong enrollment codes (API) by who tried ("login:" or "enroll:"
# and an address or a user name), for the rate limits every worker shares (ratelimit.py).
console_attempts = Table(
    "console_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("who", Text, nullable=False),
    Column("at", Text, nullable=False),                  # ISO UTC
    Index("console_attempts_who", "who", "at"),
    sqlite_autoincrement=True,
)


# -- engines -------------------------------------------------------------------------------
def default_url() -> str:
    if os.environ.get("ZHUCUN_COUNTY_DB"):
        return os.environ["ZHUCUN_COUNTY_DB"]
    import platformdirs
    folder = Path(platformdirs.user_data_dir("ZhucunCounty", appauthor=False))
    return f"sqlite:///{folder / 'county.db'}"


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` use psycopg 3; a bare path is an SQLite file."""
    url = str(url).strip()
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory ones)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


_masters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine on the county's database, unlocked with the master key `key` (keys.py; None:
    the key this process unlocked for the URL). An SQLite file is SQLCipher, keyed from the
    master key, created 0600 in a folder made 0700."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is not None:
            key = key or keys.for_library(url, path.exists())
            keys.private_folder(path.parent)
            if not path.exists():
                os.close(keys.create_private(path))
            parsed = URL.create("sqlite+pysqlcipher", password=keys.sqlcipher_key(key), database=str(path))
        engine = create_engine(parsed, poolclass=pool.QueuePool,
                               connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
            cur = dbapi_conn.cursor()
            if path is not None:
                cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, once
                try:  # the first read proves the key
                    cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
                except Exception as e:
                    if "not a database" not in str(e):
                        raise
                    cur.close()
                    with open(path, "rb") as f:
                        plain = f.read(16) == b"SQLite format 3\x00"
                    if plain:
                        raise keys.Locked(f"{path}: 未加密的旧版县数据库 (a county database of an older version, not"
                                          " encrypted): 请用 zhucun-county init 另建 (make a new county with init"
                                          " --db NEW and enroll the devices again)") from None
                    raise keys.Locked(f"{path}: 密钥不对：打不开这个县的数据库 (this key does not open this county's"
                                      " database: another key file or passphrase)") from None
            cur.execute("PRAGMA temp_store = MEMORY")       # nothing decrypted reaches a temporary file
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            # Writers take the lock up front; a reading connection (`reading`) does not.
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("reading") else "BEGIN IMMEDIATE")
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _masters[engine] = (url, key)
    if key is not None:
        keys.remember(url, key)
    return engine


def master_key(bind: Engine | Connection, creating: bool = False) -> bytes:
    """The master key the engine was unlocked with: it unwraps the county's private keys
    (on PostgreSQL it is looked up when first needed; `creating`: for a new county)."""
    engine = bind if isinstance(bind, Engine) else bind.engine
    url, key = _masters[engine]
    if key is None:
        key = keys.for_library(url, not creating)
        _masters[engine] = (url, key)
    return key


@contextmanager
def reading(engine: Engine):
    """A connection for reads only: on SQLite it does not queue behind writers."""
    with engine.connect() as conn:
        conn.execution_options(reading=True)
        yield conn


@contextmanager
def unsynced(engine: Engine):
    """A write transaction that does not wait for the disk (SQLite: synchronous=NORMAL under WAL;
    PostgreSQL: synchronous_commit off), for what a power cut may take back: a nonce issued or
    used in the last moments before it (the device asks again; a request heard in those moments
    could be sent once more within the nonce's minutes)."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection if not is_postgres(engine) else None
        if raw is not None:
            raw.execute("PRAGMA synchronous=NORMAL")
        try:
            with conn.begin():
                if raw is None:
                    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
                yield conn
        finally:
            if raw is not None:
                raw.execute("PRAGMA synchronous=FULL")


def is_postgres(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)


def has_tables(engine: Engine) -> bool:
    return inspect(engine).has_table("county")


def upgrade(engine: Engine) -> None:
    """A county database made by an earlier version gains the tables and indexes added since
    (create_all makes only the missing tables, with their indexes; an index added to a table
    that was there is made on its own). The commands and `serve` call it when they open the
    database, before any worker starts."""
    metadata.create_all(engine)
    held = inspect(engine)
    for table in metadata.sorted_tables:
        with warnings.catch_warnings():   # the expression index on records is not reflected: it is not in metadata
            warnings.simplefilter("ignore", exc.SAWarning)
            names = {i["name"] for i in held.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in names:
                index.create(engine)


# -- locks that order writers (PostgreSQL; SQLite's BEGIN IMMEDIATE already does) --------------
def lock_device(conn: Connection, device_id: str):
    q = select(devices).where(devices.c.device_id == device_id)
    if is_postgres(conn):
        q = q.with_for_update()
    return conn.execute(q).mappings().first()


def share_county(conn: Connection) -> None:
    """The county row locked FOR SHARE (PostgreSQL): ingests run side by side, and a writer that
    locks it FOR UPDATE (a county edit of a household, a publication) waits for them."""
    if is_postgres(conn):
        conn.execute(select(county.c.id).with_for_update(read=True)).all()


def lock_county(conn: Connection):
    q = select(county)
    if is_postgres(conn):
        q = q.with_for_update()
    return conn.execute(q).mappings().first()
