"""诊断信息 (diagnostics) for support: one zip file a person saves where they choose and sends to
whoever looks after the laptops. It holds the versions (Zhucun, Python, Qt, SQLCipher, the
system), the laptop's settings that name no one (language, auto-lock) and the program's log,
redacted once more on the way out. No passphrase, key, name, ID or phone number goes in: the
settings are taken from a short list, never copied whole, and the store is not opened."""
from __future__ import annotations

import configparser
import json
import os
import platform
import sys
import zipfile
from pathlib import Path

from app import __version__, log
from app.core import clock

# The settings that may leave the laptop; anything else in the file (the last user's name, the
# window's geometry) stays.
SAFE_SETTINGS = ("language", "autolock_minutes")


def versions() -> dict:
    from importlib import metadata
    out = {"zhucun": __version__, "python": platform.python_version(), "os": platform.platform(),
           "machine": platform.machine()}
    out["pyside6"] = None
    for dist in ("PySide6", "PySide6-Essentials"):
        try:
            out["pyside6"] = metadata.version(dist)
            break
        except metadata.PackageNotFoundError:
            continue
    qt = sys.modules.get("PySide6.QtCore")   # Qt's own version, when the window has loaded it
    out["qt"] = qt.qVersion() if qt is not None else out["pyside6"]
    try:
        import sqlcipher3
        conn = sqlcipher3.connect(":memory:")
        try:
            out["sqlcipher"] = (conn.execute("PRAGMA cipher_version").fetchone() or [None])[0]
            out["sqlite"] = conn.execute("SELECT sqlite_version()").fetchone()[0]
        finally:
            conn.close()
    except Exception as e:  # noqa: BLE001 - the report says what is missing rather than failing
        out["sqlcipher"] = f"unavailable ({type(e).__name__})"
    return out


def settings_file() -> Path:
    """The laptop's settings file (the window's Preferences): $ZHUCUN_CONFIG or the platform's."""
    if os.environ.get("ZHUCUN_CONFIG"):
        return Path(os.environ["ZHUCUN_CONFIG"])
    import platformdirs
    return Path(platformdirs.user_config_dir("Zhucun", appauthor=False)) / "settings.ini"


def safe_settings(path: Path | None = None) -> dict:
    """The settings on SAFE_SETTINGS's list, read from the file without Qt."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path or settings_file(), encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    general = parser["General"] if parser.has_section("General") else {}
    return {k: log.redact(str(general[k])) for k in SAFE_SETTINGS if k in general}


def report(settings_path: Path | None = None) -> dict:
    return {"made": clock.now().isoformat(timespec="seconds"), "versions": versions(),
            "settings": safe_settings(settings_path), "logs": [p.name for p in log.paths()]}


def write(out: Path, settings_path: Path | None = None) -> dict:
    """Write the zip to `out` (diagnostics.json and the log files, redacted); returns the report."""
    out = Path(out)
    info = report(settings_path)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("diagnostics.json", json.dumps(info, ensure_ascii=False, indent=1))
            for path in log.paths():
                text = path.read_text(encoding="utf-8", errors="replace")
                z.writestr(f"logs/{path.name}", "".join(log.redact(line) for line in text.splitlines(True)))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    log.logger.info("diagnostics written (%d log files)", len(info["logs"]))
    return info
