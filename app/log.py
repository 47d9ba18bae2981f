"""The program's log: what went wrong, for whoever looks after the laptop, never whom it was about.

One rotating file, `zhucun.log` in the platform's log folder for Zhucun (Linux:
~/.local/state/Zhucun/log, Windows: %LOCALAPPDATA%\\Zhucun\\Logs) or the folder named by
ZHUCUN_LOG_DIR; the folder is 0700 and the file 0600. Every line passes a redaction that
removes what could be a person: Chinese text (names, addresses, notes) and runs of six or more
digits (ID numbers, phone numbers, bank accounts). Callers log events and error types, never
record contents.

The county server keeps a log of its own, `zhucun-county.log` (logger "zhucun.county"), in its
data folder (beside an SQLite database), or the folder named by ZHUCUN_COUNTY_LOG_DIR, redacted
the same way.

An unexpected error gets a short reference (ZC-1A2B3C) logged with its traceback; the person
sees the reference in a sentence, never the traceback. Who logs: the command line (each command
and its exit), the window (its start, Qt's warnings, errors no handler caught), background jobs
(a traceback under a reference), sync (each trip's counts, or the step, error and server status
it failed on) and the county (its commands, refused batches, a bug under a reference).
Settings' 保存诊断信息… and `zhucun diagnostics --out FILE` hand the log to support with the
versions (app/services/diagnostics.py); tests/test_log_privacy.py checks that none of it names
a person.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import re
import secrets
import sys
import threading
from pathlib import Path

ENV = "ZHUCUN_LOG_DIR"
COUNTY_ENV = "ZHUCUN_COUNTY_LOG_DIR"
LOG_NAME = "zhucun.log"
COUNTY_LOG_NAME = "zhucun-county.log"
MAX_BYTES, BACKUPS = 1024 * 1024, 3
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
logger = logging.getLogger("zhucun")
county_logger = logging.getLogger("zhucun.county")

# Chinese (and other CJK) text, and digit runs of an ID number's or a phone number's shape.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]+")
# An error reference (ZC- and six hex digits) may be all digits: it must stay findable.
_DIGITS = re.compile(r"(?<!ZC-)\d{6,}[0-9Xx]?")


def redact(text: str) -> str:
    return _DIGITS.sub("#…", _CJK.sub("…", text))


class RedactingFormatter(logging.Formatter):
    """Formats as usual (tracebacks included), then removes what could name or number a person."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (disk full, another process rotating it) is skipped:
    logging's own report of that would print a traceback to the person."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


_state: dict = {"path": None, "handler": None}
_county: dict = {"path": None, "handler": None}
_lock = threading.Lock()


def log_dir() -> Path:
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    import platformdirs
    return Path(platformdirs.user_log_dir("Zhucun", appauthor=False))


def _attach(target: logging.Logger, state: dict, folder: Path, name: str) -> Path | None:
    """Attach a rotating, redacting file `name` in `folder` (0700, the file 0600) to `target`,
    once per folder; None when no folder can take it (a read-only home): the program goes on
    without a log rather than failing."""
    with _lock:
        old = state["handler"]
        if old is not None and old in target.handlers:
            if state["path"] is None or state["path"].parent == folder:
                return state["path"]
            target.removeHandler(old)   # the folder was named anew (a test, another county): log there
            old.close()
        target.setLevel(logging.INFO)
        target.propagate = False
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.close(fd)
            handler = _QuietFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        except OSError:
            state.update(handler=logging.NullHandler(), path=None)
            target.addHandler(state["handler"])
            return None
        handler.setFormatter(RedactingFormatter(FORMAT))
        target.addHandler(handler)
        state.update(handler=handler, path=path)
        return path


def setup() -> Path | None:
    """The device's log (once): the window's and the command line's. Returns its path or None."""
    return _attach(logger, _state, log_dir(), LOG_NAME)


def county_log_dir(data_folder: Path | None = None) -> Path:
    """$ZHUCUN_COUNTY_LOG_DIR, else the county's data folder, else the platform's log folder."""
    if os.environ.get(COUNTY_ENV):
        return Path(os.environ[COUNTY_ENV])
    if data_folder is not None:
        return Path(data_folder)
    import platformdirs
    return Path(platformdirs.user_log_dir("Zhucun County", appauthor=False))


def setup_county(data_folder: Path | None = None) -> Path | None:
    """The county server's own log, apart from the device's; a county opened from another data
    folder later in the same process (its commands run in-process) logs there instead."""
    return _attach(county_logger, _county, county_log_dir(data_folder), COUNTY_LOG_NAME)


def paths() -> list[Path]:
    """The device's log files that exist, newest first (the current file, then its rotations)."""
    base = _state["path"] or log_dir() / LOG_NAME
    return [p for p in [base, *(base.with_name(f"{base.name}.{n}") for n in range(1, BACKUPS + 1))] if p.is_file()]


def new_reference() -> str:
    return "ZC-" + secrets.token_hex(3).upper()


def log_unexpected(exc: BaseException, where: str = "", to: logging.Logger | None = None) -> str:
    """Log an unexpected error with its traceback under a new reference; returns the reference.
    `to`: the county's logger (set up by the county), else the device's log."""
    if to is None:
        setup()
    ref = new_reference()
    (to or logger).error("%s unexpected %s in %s", ref, type(exc).__name__, where or "-",
                 exc_info=(type(exc), exc, exc.__traceback__))
    return ref


def unexpected_message(ref: str) -> str:
    """The sentence a person sees instead of a traceback."""
    where = _state["path"] or log_dir() / LOG_NAME
    return (f"程序出错，操作未完成，已保存的数据不受影响 (an unexpected error: not done; nothing saved was lost)。"
            f"参考号 (reference) {ref}；详情见日志 (details in the log) {where}")


def _cli_excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    exc.__traceback__ = tb
    print(unexpected_message(log_unexpected(exc, "main")), file=sys.stderr)


def _thread_excepthook(args) -> None:
    if args.exc_value is not None:
        ref = log_unexpected(args.exc_value, f"thread {args.thread.name if args.thread else '-'}")
        print(unexpected_message(ref), file=sys.stderr)


def install_excepthooks() -> None:
    """For the command line: an error nothing caught is logged and told as a sentence."""
    sys.excepthook = _cli_excepthook
    threading.excepthook = _thread_excepthook


def install_qt_message_handler() -> None:
    """Qt's own warnings go to the log (redacted like everything else), not the terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind, context, text):
        logger.log(levels.get(kind, logging.WARNING), "qt: %s", text)

    setup()
    qInstallMessageHandler(handler)
