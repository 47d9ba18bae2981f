"""Files written whole or not at all: a cut (power, a USB stick pulled, Ctrl+C) never leaves a
half-written file under the name a person will open."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path


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
            os.fsync(f.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
