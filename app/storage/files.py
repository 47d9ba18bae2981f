"""Files written whole or not at all: a cut (power, a USB stick pulled, Ctrl+C) never leaves a
half-written file under the name a person will open. And the renames that put them in place,
on every system: on Windows a file another program holds open (a ledger open in Excel, a PDF
in a reader, a new file an antivirus scanner is reading) cannot be replaced."""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

from app.core.errors import AccessDenied

# Windows: a scanner or the search indexer holds a new file for a moment; wait that out.
RETRIES = 20 if os.name == "nt" else 1
RETRY_DELAY = 0.1


class FileInUse(AccessDenied):
    """A file could not be put in place: another program has it open, or it is not writable."""

    def __init__(self, path: Path):
        self.path = str(path)
        super().__init__(f"{self.path}: 无法写入，文件正被其他程序（如 Excel、PDF 阅读器）打开或没有写入权限，"
                         f"关闭后再试 (cannot write: the file is open in another program such as Excel "
                         f"or a PDF reader, or is not writable; close it and try again)")


def replace(src: Path, dst: Path) -> None:
    """os.replace(src, dst), retried while another program holds one of them open; then
    FileInUse naming DST. Works for folders too (same volume)."""
    for attempt in range(RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt + 1 == RETRIES:
                raise FileInUse(dst) from None
            time.sleep(RETRY_DELAY)


def fsync_dir(path: Path) -> None:
    """Make a rename in PATH durable. POSIX only: Windows cannot open a folder as a file (and
    NTFS journals the rename itself)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_file(path: Path):
    """A binary file to write: PATH.part, synced to disk, then renamed over PATH; on any
    error the .part is removed and PATH is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())  # a handle opened for writing: Windows refuses fsync on a read-only one
        replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
