"""What bench/sync.py measures on: a village's month of work on a device whose earlier months
the county already holds, and county databases as they stand before the month's sync.

- `mark_sent`: every change in the outbox so far counts as sent and acknowledged in earlier
  syncs (one 'done' batch), as after the previous months' syncs.
- `month_of_work`: a month through the services: a visit for every household the due list
  names for the month (its kind: home, phone or WeChat) and for a share of the others,
  household information forms signed in synthetic handwriting by the investigator and the
  head of household (the signed form updates the household file, as in the field), the
  county's monthly prompt with its tasks mostly done, attendance for the team, and some
  problem items closed.
- `history_rows` / `county_rows`: records as the county's `records` table holds them after
  ingest (what the earlier batches left there, and the month's rows for the straight insert).
- County databases: a seed county (keys, the device enrolled through the USB-stick route,
  its audit head and its earlier records), copied for every run: a file copy on SQLite, a
  `CREATE DATABASE … TEMPLATE` on PostgreSQL.
"""
from __future__ import annotations

import json
import os
import random
import shutil
from calendar import monthrange
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import Engine, make_url

from app.core import canonical
from app.core.handwriting import Writer
from app.demo import forms as demo_forms
from app.services import due, forms, visits, worklog
from app.services import sync as device_sync
from app.storage.records import utc_now
from app.storage.store import Store
from app.sync.batch import build_body, pending_range
from county_server import county as cty
from county_server import db, keys
from county_server.ingest import META_FIELDS

FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}
EARLIER = "earlier-syncs"

FINDINGS = {
    "home": ("入户走访，家中老人身体状况稳定，生活正常", "入户了解务工收入情况，收入稳定",
             "入户宣传防止返贫监测政策，户主表示了解", "入户查看住房和饮水情况，无异常",
             "入户核实家庭成员变化情况，无变化", "入户了解学生在校情况，资助已落实"),
    "phone": ("电话联系外出务工人员，务工稳定", "电话了解家庭近况，无新增困难",
              "电话提醒医保缴费，已缴纳"),
    "wechat": ("微信视频联系，家中情况正常", "微信了解务工地点和收入，无变化"),
}
KIND_MODE = {"home_visit": "home", "annual_visit": "home", "followup_check": "home"}


# -- the device ----------------------------------------------------------------------------
def mark_sent(store: Store) -> tuple[int, int] | None:
    """Everything in the outbox so far was sent and acknowledged in earlier syncs."""
    span = pending_range(store)
    if span is None:
        return None
    now = utc_now()
    with store.transaction():
        store.conn.execute(
            "INSERT INTO sync_batches (batch_id, created_at, outbox_from, outbox_to, size, sha256, part_size, parts,"
            " parts_sent, state, envelope, receipt, done_at) VALUES (?, ?, ?, ?, 0, '', ?, 1, 1, 'done', NULL, NULL, ?)",
            [EARLIER, now, span[0], span[1], device_sync.PART_SIZE, now])
        store.conn.execute("UPDATE outbox SET batch_id = ?, acked = 1 WHERE batch_id IS NULL", [EARLIER])
    return span


def history_body(store: Store) -> dict:
    """What the earlier batches carried (read before `mark_sent`)."""
    first, last = pending_range(store)
    return build_body(store, EARLIER, first, last)


def month_days(month: str) -> tuple[date, date]:
    y, m = map(int, month.split("-"))
    return date(y, m, 1), date(y, m, monthrange(y, m)[1])


def month_of_work(store: Store, month: str, rng: random.Random, *, visit_share: float, form_share: float,
                  chunk: int = 50) -> dict:
    """A month of a village team's work, through the services (see the module's doc)."""
    first, last = month_days(month)
    days = (last - first).days + 1
    team = [r[0] for r in store.conn.execute("SELECT DISTINCT person FROM attendance ORDER BY person")] \
        or [store.user["name"]]
    heads = dict(store.conn.execute("SELECT id, head_name FROM households WHERE deleted = 0"))
    counts = {"visits": 0, "forms": 0, "forms_skipped": 0, "tasks_done": 0, "attendance": 0,
              "problems_closed": 0}
    # Visits: what the due list asks for this month, then a share of the other households.
    todo = [(r["household_id"], KIND_MODE.get(r["kind"]) or rng.choice(("phone", "phone", "wechat")))
            for r in due.due_list(store, month, first)]
    named = {hid for hid, _ in todo}
    todo += [(hid, rng.choice(("home", "home", "phone", "wechat"))) for hid in sorted(heads)
             if hid not in named and rng.random() < visit_share]
    rng.shuffle(todo)
    for start in range(0, len(todo), chunk):
        with store.transaction():
            for hid, mode in todo[start:start + chunk]:
                visits.add_visit(store, hid, {
                    "visit_date": (first + timedelta(days=rng.randrange(days))).isoformat(), "mode": mode,
                    "visitor": rng.choice(team), "met_person": heads[hid],
                    "findings": rng.choice(FINDINGS[mode])}, today=last)
                counts["visits"] += 1
    # Signed household information forms: they update the household file when signed.
    form = forms.get_form(store, "household_info")
    investigator = store.user["name"]
    hand = Writer(rng.randrange(1 << 30))
    chosen = [hid for hid in sorted(heads) if rng.random() < form_share]
    for n, hid in enumerate(chosen):
        day = first + timedelta(days=rng.randrange(days))
        answers = demo_forms.answers_for(store, form, hid, day)
        state = forms.check(store, form, hid, answers, day)
        if not state.complete:
            counts["forms_skipped"] += 1
            continue
        with store.transaction():
            inst = forms.fill(store, form.form_id, hid, answers, filled_on=day.isoformat(), today=last)
            forms.sign(store, inst["id"], {
                "investigator": hand.sign(investigator, rng.randrange(1 << 30)),
                "household": Writer(rng.randrange(1 << 30)).sign(heads[hid] or "户主", rng.randrange(1 << 30)),
            }, today=last, update_file=True)
        counts["forms"] += 1
    # The county's monthly prompt, its tasks mostly done; attendance; problem items closed.
    prompt = worklog.add_prompt(store, month, None, [
        {"title": t, "due_date": (first + timedelta(days=d)).isoformat()}
        for t, d in (("务工月监测", 14), ("防止返贫集中排查", 19), ("医保缴费动员", 24),
                     ("家庭收入信息采集", days - 1), ("监测数据月度核对与同步", days - 1))],
        issued_by="乡村振兴办", source="county")
    for task in prompt["tasks"]:
        if rng.random() < 0.8:
            worklog.complete_task(store, task["id"], done_on=task["due_date"], note="已完成",
                                  done_by=rng.choice(team), today=last)
            counts["tasks_done"] += 1
    for person in team:
        worklog.set_attendance(store, person, month, rng.randint(18, 26))
        counts["attendance"] += 1
    open_items = [r[0] for r in store.conn.execute(
        "SELECT id FROM problem_items WHERE deleted = 0 AND closed_on IS NULL ORDER BY id")]
    for item_id in open_items:
        if rng.random() < 0.5:
            worklog.close_problem(store, item_id, "已入户核实并整改销号",
                                  closed_on=(first + timedelta(days=rng.randrange(days))).isoformat(), today=last)
            counts["problems_closed"] += 1
    return counts


# -- what the county's records table holds ----------------------------------------------------
def county_rows(records: list[dict], device_id: str, batch_id: str) -> list[dict]:
    """Records as ingest stores them (a household's fields each with its clock)."""
    out = []
    for item in records:
        data = item["data"]
        field_hlc = None
        if item["tbl"] == "households":
            field_hlc = canonical.dumps({f: item["hlc"] for f in data if f not in META_FIELDS})
        out.append({"tbl": item["tbl"], "id": item["id"], "revision": item["revision"], "hlc": item["hlc"],
                    "device_id": device_id, "batch_id": batch_id, "deleted": 1 if data.get("deleted") else 0,
                    "data": canonical.dumps(data), "field_hlc": field_hlc})
    return out


def enroll_usb(engine: Engine, store: Store, village: str, folder: Path) -> dict:
    """The USB-stick route: the county's enrollment file, the device's signed request, imported."""
    c = cty.load_county(engine)
    code = cty.new_code(engine, village[:40])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"enroll-{code['code']}.json"
    path.write_text(json.dumps(cty.enrollment_file(c, code), ensure_ascii=False), "utf-8")
    request = device_sync.enroll_from_file(store, path, folder)["request"]
    out = cty.enroll_from_file(engine, json.loads(Path(request).read_text("utf-8")))
    path.unlink()
    Path(request).unlink()
    return out


def county_knows(engine: Engine, store: Store, history: dict, chunk: int = 5000) -> int:
    """The county after the earlier syncs: the device's audit head and the records they brought."""
    last = history["audit"]["entries"][-1]
    rows = county_rows(history["records"], store.device_id, EARLIER)
    with engine.begin() as conn:
        conn.execute(update(db.devices).where(db.devices.c.device_id == store.device_id)
                     .values(audit_head=last["hash"], audit_seq=last["seq"]))
        for start in range(0, len(rows), chunk):
            conn.execute(insert(db.records), rows[start:start + chunk])
    return len(rows)


# -- county databases ----------------------------------------------------------------------------
def new_seed(path: Path) -> Engine:
    """An SQLite county with its keys (the seed every run's database is copied from). Its master
    key file beside it opens the seed, its copies, the workers' engines and the server."""
    path.unlink(missing_ok=True)
    key = path.with_name(path.name + ".key")
    key.unlink(missing_ok=True)
    keys.new_key_file(key)
    os.environ[keys.KEY_FILE_ENV] = str(key)
    engine = db.make_engine(f"sqlite:///{path}")
    cty.init_county(engine, "基准县 (bench county)")
    return engine


def clone(src: Engine, dst: Engine, chunk: int = 5000) -> None:
    """Every table of one county database into an empty other one."""
    db.create_tables(dst)
    with src.connect() as s, dst.begin() as d:
        for table in db.metadata.sorted_tables:
            result = s.execution_options(yield_per=chunk).execute(select(table))
            for part in result.mappings().partitions(chunk):
                d.execute(insert(table), [dict(r) for r in part])
        if db.is_postgres(dst):
            for table, col in (("publications", "seq"), ("conflicts", "id")):
                d.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', '{col}'),"
                               f" coalesce((SELECT max({col}) FROM {table}), 0) + 1, false)"))


class Postgres:
    """Databases on the test cluster (ZHUCUN_TEST_COUNTY_DB): a template per seed, a fresh
    copy of it per run."""

    def __init__(self, url: str):
        self.url = make_url(db.normalize_url(url))
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def create(self, name: str, template: str | None = None) -> str:
        self.drop(name)
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return self.url_of(name)

    def template_from(self, name: str, seed: Engine) -> None:
        """A database holding what the SQLite seed holds, to copy runs from."""
        engine = db.make_engine(self.create(name))
        try:
            clone(seed, engine)
        finally:
            engine.dispose()

    def close(self) -> None:
        self.admin.dispose()


def sqlite_copy(seed_path: Path, target: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(seed_path, target)
    return f"sqlite:///{target}"


# -- many small devices (a worker process builds one) ----------------------------------------------
def build_device(job: dict) -> dict:
    """One device's store: a small demo village whose earlier months the county (the SQLite seed)
    holds, enrolled through the USB-stick route, then a month of work pending. Run in a worker."""
    from app.demo import build as demo
    folder = Path(job["folder"])
    info = demo.build_demo(folder, job["passphrase"], job["households"], seed=job["seed"], today=job["today"],
                           kdf_params=FAST_KDF)
    seed = db.make_engine(f"sqlite:///{job['county']}")
    try:
        with Store.open(folder, job["passphrase"]) as store:
            enroll_usb(seed, store, info["village"], folder.parent / f"usb-{folder.name}")
            history = history_body(store)
            county_knows(seed, store, history)
            mark_sent(store)
            month_of_work(store, job["month"], random.Random(job["seed"]), visit_share=job["visit_share"],
                          form_share=job["form_share"])
            pending = store.conn.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox"
                                         " WHERE batch_id IS NULL)").fetchone()[0]
            held = store.conn.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox)").fetchone()[0]
            return {"folder": str(folder), "device_id": store.device_id, "pending": pending, "held": held}
    finally:
        seed.dispose()
