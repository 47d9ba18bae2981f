"""Where the CJK font files are: the file names the printed pages use, best first, and the
folders they are looked for in (`resources/fonts`, where the packaged build puts the ones it
found; ZHUCUN_FONT_DIR; the system's). No reportlab here: the window finds its own font with
this at launch without loading the PDF library (app/ui/widgets/fonts.py); app/reports/fonts.py
loads what it finds for printing."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"

# (file name, subfont index) by role, best first. Main: a complete GB 18030 CJK font with
# TrueType outlines. Fallback: fonts that carry the CJK extensions A–F (rare name characters).
MAIN = [("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0), ("msyh.ttc", 0), ("simsun.ttc", 0),
        ("simhei.ttf", 0), ("uming.ttc", 0), ("ukai.ttc", 0), ("DroidSansFallbackFull.ttf", 0)]
FALLBACK = [("HanaMinA.ttf", 0), ("HanaMinB.ttf", 0), ("simsunb.ttf", 0), ("SimSun-ExtB.ttf", 0),
            ("simsun.ttc", 0), ("uming.ttc", 0)]


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"


def font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("ZHUCUN_FONT_DIR"):
        dirs.append(Path(os.environ["ZHUCUN_FONT_DIR"]))
    if getattr(sys, "frozen", False):  # the packaged program carries its fonts beside it
        dirs.append(Path(getattr(sys, "_MEIPASS", "")) / "resources" / "fonts")
    dirs.append(RESOURCES)
    if sys.platform == "win32":
        dirs.append(_windows_fonts())
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                 Path.home() / "Library" / "Fonts"]
    else:
        dirs += [Path.home() / ".local/share/fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts")]
    return dirs


def find_font(name: str, dirs: list[Path]) -> Path | None:
    for d in dirs:
        if not d.is_dir():
            continue
        direct = d / name
        if direct.is_file():
            return direct
        if d.name == "fonts" or d.parent.name == "fonts":
            for hit in d.rglob(name):
                return hit
    return None


def main_fonts() -> Iterator[Path]:
    """The main fonts' files found, best first (found lazily: the first is usually enough)."""
    dirs = font_dirs()
    return (p for p in (find_font(name, dirs) for name, _ in MAIN) if p)
