"""The county's database for a test: embedded SQLite, and a fresh schema of the PostgreSQL named
by ZHUCUN_TEST_COUNTY_DB (./run-tests starts one)."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from urllib.parse import quote

# Every test runs on embedded SQLite and, when ZHUCUN_TEST_COUNTY_DB names a PostgreSQL server
# (./run-tests starts one), on PostgreSQL too, each time in a fresh database of its own.
COUNTY_DBS = ["sqlite"] + (["postgresql"] if os.environ.get("ZHUCUN_TEST_COUNTY_DB") else [])


@contextmanager
def county_database(kind: str, folder):
    """The URL of an empty county database: an SQLite file in `folder`, or a fresh schema of the
    PostgreSQL named by ZHUCUN_TEST_COUNTY_DB (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'county.db'}"
        return
    base = os.environ["ZHUCUN_TEST_COUNTY_DB"]
    schema = f"t_{uuid.uuid4().hex[:16]}"
    from county_server import db
    admin = db.make_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
