"""What differs on Windows, checked here on Linux: Windows's rules are imitated (fsync only on a
handle open for writing, byte-range locks through msvcrt, a rename refused while another program
holds the file, a GBK console, %APPDATA% and %LOCALAPPDATA%, fonts in %WINDIR%\\Fonts), and a
data folder whose path has Chinese characters and spaces, as C:\\Users\\张三\\AppData does."""
from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.core.errors import AccessDenied
from app.storage import files, location
from app.storage import store as store_module
from app.storage.backup import make_backup, restore_backup
from app.storage.store import KEYS_NAME, LOCK_NAME, Store, store_exists

from tests.support.storage import LEADER, PASSPHRASE, REPO_ROOT, add_family, create_store, hash_dir


# -- fsync only on handles open for writing ---------------------------------------------------
@pytest.fixture
def windows_fsync(monkeypatch):
    """os.fsync as Windows's _commit behaves: EBADF on a handle opened read-only. A folder's
    descriptor is allowed: only the POSIX code path opens one."""
    real = os.fsync

    def fsync(fd):
        if not stat.S_ISDIR(os.fstat(fd).st_mode) and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise OSError(errno.EBADF, "Bad file descriptor")
        return real(fd)
    monkeypatch.setattr(os, "fsync", fsync)


def test_backup_and_restore_fsync_only_what_they_write(store_info, tmp_path, windows_fsync):
    add_family(store_info.store, "张三丰", 1)
    info = make_backup(store_info.store, tmp_path / "备份" / "村里.zhucun-backup")
    result = restore_backup(Path(info["path"]), tmp_path / "恢复", PASSPHRASE)
    assert result["entries"] == store_info.store.audit.head_seq
    with files.atomic_file(tmp_path / "台账.xlsx") as f:
        f.write(b"ledger")
    assert (tmp_path / "台账.xlsx").read_bytes() == b"ledger"


def test_restore_does_not_move_a_store_that_is_open(store_info, tmp_path):
    """--replace moves the old store aside: never while a window has it open (on Windows the
    folder could not be moved; elsewhere the window would go on writing into the moved one)."""
    info = make_backup(store_info.store, tmp_path / "村里.zhucun-backup")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(AccessDenied) as err:
        restore_backup(Path(info["path"]), store_info.path, PASSPHRASE, replace=True)
    assert "open in another" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    add_family(store_info.store, "张三丰", 1)
    store_info.store.close()
    done = restore_backup(Path(info["path"]), store_info.path, PASSPHRASE, replace=True)
    assert Path(done["moved_aside"]).is_dir()
    with Store.open(store_info.path, PASSPHRASE) as s:
        assert s.query("SELECT count(*) AS n FROM households")[0]["n"] == 0


# -- renames over a file another program holds open -----------------------------------------
@pytest.fixture
def held_open(monkeypatch):
    """os.replace refused, as on Windows while Excel or a PDF reader holds the target open,
    for the given number of tries (then allowed)."""
    state = {"refusals": 0, "calls": 0}
    real = os.replace

    def replace(src, dst):
        state["calls"] += 1
        if state["refusals"]:
            state["refusals"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file because it is "
                                                "being used by another process", str(dst))
        return real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "RETRY_DELAY", 0)
    return state


def test_a_file_held_for_a_moment_is_replaced_after_retrying(tmp_path, held_open, monkeypatch):
    monkeypatch.setattr(files, "RETRIES", 5)
    target = tmp_path / "走访台账 2026-11.xlsx"
    target.write_bytes(b"old")
    held_open["refusals"] = 3  # an antivirus scanner reading the new file
    with files.atomic_file(target) as f:
        f.write(b"new")
    assert target.read_bytes() == b"new" and held_open["calls"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_file_open_in_another_program_is_named_and_left_as_it_was(tmp_path, held_open, monkeypatch):
    monkeypatch.setattr(files, "RETRIES", 3)
    target = tmp_path / "用户 张三" / "走访台账.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"open in Excel")
    held_open["refusals"] = 99
    with pytest.raises(files.FileInUse) as err:
        with files.atomic_file(target) as f:
            f.write(b"new")
    message = str(err.value)
    assert str(target) in message and "其他程序" in message and "Excel" in message
    assert isinstance(err.value, AccessDenied)  # the command line exits 2: refused, nothing lost
    assert held_open["calls"] == 3
    assert target.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no .part left


def test_a_backup_onto_a_file_held_open_names_it(store_info, tmp_path, held_open):
    out = tmp_path / "村里.zhucun-backup"
    out.write_bytes(b"an older backup, open in another program")
    held_open["refusals"] = 99
    with pytest.raises(files.FileInUse) as err:
        make_backup(store_info.store, out)
    assert str(out) in str(err.value)
    assert out.read_bytes() == b"an older backup, open in another program"


def test_a_pdf_open_in_a_reader_is_named_and_left_as_it_was(tmp_path, held_open):
    from reportlab.platypus import Paragraph

    from app.reports.fonts import load_fonts
    from app.reports.page import PdfWriter, Section
    out = tmp_path / "帮扶手册 张三.pdf"
    out.write_bytes(b"%PDF- the copy open in the reader")
    writer = PdfWriter(out, load_fonts(), title="帮扶手册", place="自强村", printed_on="2026-11-22")
    writer.add(Section([Paragraph("text")], title="帮扶手册"))
    held_open["refusals"] = 99
    with pytest.raises(files.FileInUse) as err:
        writer.close()
    writer.abort()  # what the print job does on any error
    assert str(out) in str(err.value)
    assert out.read_bytes() == b"%PDF- the copy open in the reader"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


# -- the store's one-writer lock through msvcrt -------------------------------------------------
class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows documents it: a byte range from the handle's current position,
    held per handle (a second handle in the same process is refused too), LK_NBLCK failing at
    once with an OSError, LK_UNLCK releasing it."""
    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        super().__init__("msvcrt")
        self.held: dict[tuple, int] = {}
        self.calls: list[tuple[str, int]] = []

    def locking(self, fd, mode, nbytes):
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino, os.lseek(fd, 0, os.SEEK_CUR), nbytes)
        self.calls.append(("unlock" if mode == self.LK_UNLCK else "lock", fd))
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            del self.held[key]
        elif key in self.held:
            raise OSError(errno.EDEADLK, "Resource deadlock avoided")
        else:
            self.held[key] = fd


@pytest.fixture
def msvcrt(monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(store_module, "WINDOWS", True)
    return fake


def test_the_one_writer_lock_holds_through_msvcrt(tmp_path, msvcrt):
    path = tmp_path / "用户 张三" / "Zhucun"
    store, _ = create_store(path)
    assert msvcrt.held and msvcrt.calls == [("lock", store._lock.fd)]
    with pytest.raises(AccessDenied) as err:
        Store.open(path, PASSPHRASE)
    assert "open in another" in str(err.value) and "另一个驻村窗口" in str(err.value)
    assert str(path) in str(err.value)
    add_family(store, "张三丰", 1)  # the refused open did not disturb the open store
    fd = store._lock.fd
    store.close()
    assert msvcrt.calls[-1] == ("unlock", fd) and not msvcrt.held  # unlocked before the handle closed
    with Store.open(path, PASSPHRASE) as again:
        assert again.query("SELECT count(*) AS n FROM households")[0]["n"] == 1
    assert not msvcrt.held and (path / LOCK_NAME).read_bytes() == b""


# -- the console's code page ------------------------------------------------------------------
def console(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)


@pytest.mark.parametrize("encoding, written", [("gbk", "驻村 ? 张三".encode("gbk")),
                                               ("cp1252", "驻村 𠀀 张三".encode("utf-8")),
                                               ("utf-8", "驻村 𠀀 张三".encode("utf-8"))])
def test_console_code_pages_never_stop_the_program(monkeypatch, encoding, written):
    """A GBK console (cp936) shows Chinese and prints '?' for a rare character outside GBK; one
    that cannot show Chinese at all (cp1252) gets UTF-8."""
    from app.__main__ import _text_streams
    out, err = console(encoding), console(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    _text_streams()
    print("驻村 \U00020000 张三")
    print("错误 \U00020000", file=sys.stderr)
    assert sys.stdout.buffer.getvalue() == written + b"\n"
    assert sys.stderr.buffer.getvalue().endswith(b"\n")


def test_a_windowed_program_without_streams_can_still_print(monkeypatch):
    from app.__main__ import _text_streams
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    _text_streams()
    print("驻村")
    print("错误", file=sys.stderr)
    sys.stdout.close()
    sys.stderr.close()


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "cp1252"])
def test_the_command_line_under_a_gbk_console(tmp_path, encoding):
    """The real program with its output in a Windows code page: a message with a character
    outside GBK (here in the folder's name, as in a rare name) does not raise UnicodeEncodeError."""
    folder = tmp_path / "没有 数据库 \U00020000"
    env = {**os.environ, "PYTHONIOENCODING": encoding, "ZHUCUN_DATA": str(folder)}
    proc = subprocess.run([sys.executable, "-m", "app", "households", "--passphrase-stdin"], cwd=REPO_ROOT,
                          env=env, input=b"x\n", capture_output=True, timeout=120)
    assert proc.returncode == 2, proc  # refused: no store there
    assert b"Traceback" not in proc.stderr and b"UnicodeEncodeError" not in proc.stderr
    if encoding == "cp1252":
        assert str(folder) in proc.stderr.decode("utf-8")
    else:
        assert str(folder)[:-1] + "?" in proc.stderr.decode("gbk")


# -- %APPDATA% and %LOCALAPPDATA% ------------------------------------------------------------
@pytest.fixture
def windows_folders(tmp_path, monkeypatch):
    """platformdirs as on Windows for user 张三: roaming → %APPDATA%, local → %LOCALAPPDATA%."""
    profile = tmp_path / "Users" / "张三" / "AppData"
    roaming, local = profile / "Roaming" / "Zhucun", profile / "Local" / "Zhucun"

    def user_data_dir(appname, appauthor=None, roaming=False):
        assert appname == "Zhucun" and appauthor is False
        return str(profile / ("Roaming" if roaming else "Local") / appname)
    monkeypatch.setattr(location.platformdirs, "user_data_dir", user_data_dir)
    monkeypatch.delenv("ZHUCUN_DATA", raising=False)
    return roaming, local


def test_the_store_lives_in_appdata(windows_folders):
    roaming, local = windows_folders
    assert location.default_data_dir() == roaming
    local.mkdir(parents=True)
    (local / "settings.ini").write_text("[ui]\nlanguage=zh_CN\n", "utf-8")  # the window's settings live there
    assert location.default_data_dir() == roaming


def test_a_store_made_in_localappdata_is_still_found(windows_folders):
    roaming, local = windows_folders
    create_store(local)[0].close()
    assert location.default_data_dir() == local
    create_store(roaming)[0].close()  # once both hold one, %APPDATA% wins
    assert location.default_data_dir() == roaming


def test_zhucun_data_names_the_folder(windows_folders, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHUCUN_DATA", str(tmp_path / "U盘" / "驻村"))
    assert location.default_data_dir() == tmp_path / "U盘" / "驻村"


# -- fonts in %WINDIR%\Fonts -------------------------------------------------------------------
def test_fonts_are_found_in_windir(tmp_path, monkeypatch):
    """Microsoft YaHei for the text and SimSun-ExtB for rare characters, from %WINDIR%\\Fonts
    (here copies of the Linux fonts under Windows's file names)."""
    from app.reports import font_files, fonts
    main = fonts.find_font("wqy-microhei.ttc", fonts.font_dirs())
    rare = fonts.find_font("HanaMinB.ttf", fonts.font_dirs())
    if main is None or rare is None:
        pytest.fail("fonts-wqy-microhei and fonts-hanazono are needed (ZHUCUN_APT_PACKAGES)")
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    (windir / "Fonts" / "msyh.ttc").symlink_to(main)
    (windir / "Fonts" / "simsunb.ttf").symlink_to(rare)
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.delenv("ZHUCUN_FONT_DIR", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    monkeypatch.setattr(font_files, "RESOURCES", tmp_path / "nothing bundled")
    monkeypatch.setattr(sys, "platform", "win32")
    dirs = fonts.font_dirs()
    monkeypatch.undo()
    assert windir / "Fonts" in dirs and tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts" in dirs
    assert not any(str(d).startswith("/usr") for d in dirs)
    found = fonts.load_fonts(tuple(dirs))
    assert found.paths == [windir / "Fonts" / "msyh.ttc"]
    assert found.has("张") and found.has("\U00020000")  # 𠀀 (Ext B) from SimSun-ExtB
    assert found.paths == [windir / "Fonts" / "msyh.ttc", windir / "Fonts" / "simsunb.ttf"]


# -- a data folder under C:\Users\张三\AppData ---------------------------------------------------
def run(*args: str | Path, stdin: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ZHUCUN_DATA"}
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args), "--passphrase-stdin", "--json"],
                          cwd=REPO_ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc
    return json.loads(proc.stdout)


def test_a_data_folder_with_chinese_characters_and_spaces(tmp_path):
    home = tmp_path / "Users" / "张三 (驻村)" / "AppData" / "Roaming"
    data, demo, restored = home / "Zhucun 数据", home / "示范 村", home / "恢复 的 数据"
    init = run("init", "--data", data, "--user", "张三", stdin=PASSPHRASE + "\n")
    assert init["recovery_code"] and store_exists(data)
    run("demo", "--households", "20", "--data", demo, stdin="demo1234\n")
    assert store_exists(demo)
    backup = run("backup", "--data", demo, "--out", home / "备份 文件夹" / "示范村 备份.zhucun-backup",
                 stdin="demo1234\n")
    assert Path(backup["path"]).name == "示范村 备份.zhucun-backup" and Path(backup["path"]).is_file()
    done = run("restore", backup["path"], "--data", restored, stdin="demo1234\n")
    assert Path(done["data"]) == restored and done["entries"] == backup["audit_entries"]
    households = run("households", "--data", restored, stdin="demo1234\n")
    assert len(households) == 20
    assert set(hash_dir(restored)) >= {KEYS_NAME}
    shutil.rmtree(home)
