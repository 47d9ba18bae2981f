"""Where the store lives when no --data names it.

    Linux    ~/.local/share/Zhucun   ($XDG_DATA_HOME)
    Windows  %APPDATA%\\Zhucun        (roaming: a domain profile carries it to the next PC)
    macOS    ~/Library/Application Support/Zhucun

A store already in %LOCALAPPDATA%\\Zhucun, where earlier Windows builds made it, is used where
it is; that folder also holds the window's settings (settings.ini), so a store there is
recognised by its files, not by the folder existing.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .store import store_exists

ENV = "ZHUCUN_DATA"


def default_data_dir() -> Path:
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    folder = Path(platformdirs.user_data_dir("Zhucun", appauthor=False, roaming=True))
    earlier = Path(platformdirs.user_data_dir("Zhucun", appauthor=False, roaming=False))
    if earlier != folder and not store_exists(folder) and store_exists(earlier):
        return earlier
    return folder
