"""What a person is told when the machine, not the input, stops a command: a full disk,
a read-only folder, a folder where a file was asked for, a file nested too deep; and, for an
error nobody foresaw, a reference to the log. A sentence naming the file, never a traceback.

Refused (exit 2): the machine cannot do it now (disk full, no permission, read-only).
Invalid (exit 3): the path or the file given cannot be used as it is.
"""
from __future__ import annotations

import errno
from pathlib import Path

EXIT_ERROR = 1  # an error nobody foresaw; the message gives the log's reference

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def _option_of(args, filename) -> str | None:
    """The option the failing path came from (--out, --data, file): the path itself, a file in
    that folder, or its PATH.part beside it."""
    if filename is None or args is None:
        return None
    target = Path(str(filename))
    for name, value in vars(args).items():
        if not isinstance(value, (str, Path)) or not str(value):
            continue
        given = Path(value)
        if target in (given, given.parent / (given.name + ".part")) or target.parent == given:
            return "file" if name == "file" else "--" + name.replace("_", "-")
    return None


def command_name(args) -> str:
    """`zhucun household add`: the command only, never its arguments (they name people)."""
    words = (getattr(args, "command", None), getattr(args, "action", None)) if args is not None else ()
    return " ".join(["zhucun"] + [str(w) for w in words if w]) if any(words) else "zhucun window"


def _path_of(e: OSError) -> str | None:
    return e.filename2 if isinstance(e, IsADirectoryError) and e.filename2 else e.filename


def _nearly_full(folder: Path) -> bool:
    """SQLite reports some writes on a full disk (its shared-memory file) as an I/O error."""
    import shutil
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _disk_full(where) -> tuple[int, dict, str]:
    from app.core.exitcodes import EXIT_REFUSED
    text = (f"磁盘已满，未完成，已保存的数据未丢失 (disk full: not done; nothing already saved was lost) — "
            f"{where}：请腾出空间后重试 (free some space and try again)")
    return EXIT_REFUSED, {"error": "disk_full", "file": str(where), "message": text}, text


def explain(e: BaseException, args=None) -> tuple[int, dict, str]:
    """(exit status, JSON, sentence) for an error that is not the input's fault. `args` (the
    command line's) lets the sentence name the option a failing path came from."""
    from app.core.exitcodes import EXIT_INVALID, EXIT_REFUSED
    from app.storage.connection import DatabaseError
    data_dir = Path(getattr(args, "data", None) or ".")
    if isinstance(e, OSError):
        path = _path_of(e)
        option = _option_of(args, path)
        named = f"{path} ({option})" if option and path else str(path or data_dir)
        if e.errno in _FULL:
            return _disk_full(named)
        if isinstance(e, IsADirectoryError):
            text = f"{named} 是文件夹，这里要一个文件名 (is a folder: give a file name)"
            return EXIT_INVALID, {"error": "is_a_folder", "file": str(path), "message": text}, text
        if isinstance(e, (NotADirectoryError, FileExistsError)):
            text = f"{named} 不是文件夹 (is not a folder)"
            return EXIT_INVALID, {"error": "not_a_folder", "file": str(path), "message": text}, text
        if isinstance(e, FileNotFoundError):
            text = f"找不到 {named} (no such file or folder)"
            return EXIT_INVALID, {"error": "not_found", "file": str(path), "message": text}, text
        if e.errno in _READ_ONLY:
            text = (f"无法读写 {named}：只读或没有权限，未做任何更改 (cannot read or write: read-only or no"
                    f" permission; nothing was changed)")
            return EXIT_REFUSED, {"error": "read_only", "file": str(path), "message": text}, text
    if isinstance(e, DatabaseError):
        msg = str(e).lower()
        store = data_dir / "zhucun.db"
        if "disk is full" in msg or "disk i/o" in msg and _nearly_full(data_dir):
            return _disk_full(store)
        if "disk i/o" in msg:
            text = f"读写数据库 {store} 时磁盘出错，未完成 (a disk error on the store: not done)"
            return EXIT_REFUSED, {"error": "disk_error", "file": str(store), "message": text}, text
        if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
            text = f"无法写入数据库 {store}：只读或没有权限 (cannot write the store: read-only or no permission)"
            return EXIT_REFUSED, {"error": "read_only", "file": str(store), "message": text}, text
    if isinstance(e, RecursionError):
        text = "输入有误 (invalid input) — 文件嵌套过深 (a file nests too deep)"
        return EXIT_INVALID, {"error": "invalid", "rule": "nesting", "message": text}, text
    if isinstance(e, MemoryError):
        text = "输入有误 (invalid input) — 文件过大，内存不足 (a file too large for memory)"
        return EXIT_INVALID, {"error": "invalid", "rule": "size", "message": text}, text
    from app import log
    ref = getattr(e, "reference", None) or log.log_unexpected(e, command_name(args))
    text = log.unexpected_message(ref)
    return EXIT_ERROR, {"error": "unexpected", "reference": ref, "message": text}, text
