"""Settings of this laptop (not of the store): language, auto-lock and sync when online. Nothing
sensitive."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_AUTOLOCK_MINUTES = 10


def settings_path() -> Path:
    if os.environ.get("ZHUCUN_CONFIG"):
        return Path(os.environ["ZHUCUN_CONFIG"])
    import platformdirs
    return Path(platformdirs.user_config_dir("Zhucun", appauthor=False)) / "settings.ini"


class Preferences:
    def __init__(self, path: Path | None = None):
        self.path = Path(path or settings_path())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._q.value("language", "zh_CN"))
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("language", value if value in LANGUAGES else "zh_CN")
        self._q.sync()

    @property
    def autolock_minutes(self) -> int:
        try:
            return max(1, min(240, int(self._q.value("autolock_minutes", DEFAULT_AUTOLOCK_MINUTES))))
        except (TypeError, ValueError):
            return DEFAULT_AUTOLOCK_MINUTES

    @autolock_minutes.setter
    def autolock_minutes(self, value: int) -> None:
        self._q.setValue("autolock_minutes", int(value))
        self._q.sync()

    @property
    def auto_sync(self) -> bool:
        """Sync with the county by itself whenever it answers (default on)."""
        return str(self._q.value("auto_sync", "true")).lower() not in ("false", "0", "no")

    @auto_sync.setter
    def auto_sync(self, value: bool) -> None:
        self._q.setValue("auto_sync", "true" if value else "false")
        self._q.sync()

    @property
    def last_user(self) -> str | None:
        value = self._q.value("last_user")
        return str(value) if value else None

    @last_user.setter
    def last_user(self, value: str) -> None:
        self._q.setValue("last_user", value)
        self._q.sync()

    @property
    def window_geometry(self) -> QByteArray | None:
        """Where the main window was left (size, position, maximised)."""
        value = self._q.value("window_geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._q.setValue("window_geometry", value)
        self._q.sync()
