"""The log never names a person: a demo village is built, a household with a planted name, ID
number and phone is added, printed and backed up, a command fails on it and an unexpected
error carries it in its message; then every file the device wrote (the log, the store, the
backup, the temporary folder) is searched for them, as text and as UTF-8 bytes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from faultkit import PASS, cli

from app import log
from app.core.enums import Sex
from app.core.idnumber import make_id_number

NAME = "蒯瑾瑜"
ID_NUMBER = make_id_number("522601", date(1971, 3, 9), Sex.FEMALE, 417)
PHONE = "13912345678"


def _containing(folder: Path, needles: list[str]) -> list[str]:
    found = []
    for path in [folder] if folder.is_file() else folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n}" for n in needles if n.encode("utf-8") in data]
    return found


def test_no_person_in_any_file_the_device_wrote(tmp_path):
    logs, temp = tmp_path / "logs", tmp_path / "tmp"
    temp.mkdir()
    env = {"ZHUCUN_LOG_DIR": str(logs), "TMPDIR": str(temp)}
    data = tmp_path / "store"
    demo = cli(data, "demo", "--households", 8, "--json", stdin=f"{PASS}\n{PASS}\n", extra_env=env)
    assert demo.code == 0, demo
    run = cli(data, "household", "add", "--head", NAME, "--category", "一般农户", "--phone", PHONE, "--json",
              extra_env=env)
    assert run.code == 0, run
    hid = run.json["id"]
    member = ["member", "add", "--household", hid, "--name", NAME, "--id-number", ID_NUMBER, "--relation", "户主"]
    assert cli(data, *member, extra_env=env).code == 0
    again = cli(data, *member, extra_env=env)           # the same person again: refused, naming her
    assert again.code == 3 and "Traceback" not in again.err
    assert cli(data, "print", "handbook", "--household", hid, "--out", tmp_path / "h.pdf", extra_env=env).code == 0
    backup = tmp_path / "b.zhucun-backup"
    assert cli(data, "backup", "--out", backup, extra_env=env).code == 0
    assert cli(data, "households", "--search", NAME, extra_env=env).code == 0

    text = (logs / log.LOG_NAME).read_text("utf-8")
    assert "household add: exit 0" in text and "backup: exit 0" in text and "member add: exit 3" in text
    village = cli(data, "households", "--json", extra_env=env).json
    needles = [NAME, ID_NUMBER, PHONE, ID_NUMBER[6:14]]  # and the birth date inside the ID number
    needles += [h["head_name"] for h in village] + [h["phone"] for h in village if h.get("phone")]
    assert "demo: exit 0" in text
    assert _containing(logs, needles) == []
    assert _containing(data, needles) == []              # the store is ciphertext throughout
    assert _containing(temp, needles) == []
    assert _containing(backup, needles) == []            # and so is the backup


def test_unexpected_error_logged_with_reference_and_redacted(tmp_path, monkeypatch):
    monkeypatch.setenv(log.ENV, str(tmp_path))
    log.logger.removeHandler(log._state["handler"])
    try:
        error = KeyError(f"{NAME} {ID_NUMBER} {PHONE}")
        try:
            raise error
        except KeyError as e:
            ref = log.log_unexpected(e, "test")
        assert ref.startswith("ZC-") and len(ref) == 9
        message = log.unexpected_message(ref)
        assert ref in message and "Traceback" not in message
        text = (tmp_path / log.LOG_NAME).read_text("utf-8")
        assert ref in text and "Traceback" in text and "KeyError" in text
        assert NAME not in text and ID_NUMBER not in text and PHONE not in text
        assert (tmp_path / log.LOG_NAME).stat().st_mode & 0o077 == 0
    finally:
        log._state["handler"].close()
        log.logger.removeHandler(log._state["handler"])  # the next setup() goes back to the run's folder


def test_a_reference_of_digits_alone_stays_findable_and_numbers_do_not():
    """A reference is six hex digits, sometimes all decimal: the log keeps it whole, so the
    sentence a person reads leads to its traceback; ID and phone numbers are still removed."""
    line = log.redact("ZC-051332 张三 430521196803020017 13812345678 ZC-0A1B2C")
    assert "ZC-051332" in line and "ZC-0A1B2C" in line
    assert "张三" not in line and "430521196803020017" not in line and "13812345678" not in line
