"""The offscreen screen's config file reaches Qt whole on Windows: QT_QPA_PLATFORM is split at
every ':', so a drive letter must not stand in it."""
import pytest

from app.ui.screenshots import platform_path


def test_a_posix_path_is_passed_as_it_is():
    assert platform_path("/tmp/截图/screen.json", cwd="/home/张三") == "/tmp/截图/screen.json"


def test_a_windows_path_loses_its_drive_letter_on_the_current_drive():
    path = r"C:\Users\张三\AppData\Local\Temp\zhucun-shots\screen.json"
    assert platform_path(path, cwd=r"c:\Users\张三") == r"\Users\张三\AppData\Local\Temp\zhucun-shots\screen.json"
    assert ":" not in platform_path(path, cwd=r"C:\\")


def test_another_drive_is_refused_with_a_sentence():
    with pytest.raises(OSError, match="同一磁盘"):
        platform_path(r"D:\Temp\screen.json", cwd=r"C:\Users\张三")
