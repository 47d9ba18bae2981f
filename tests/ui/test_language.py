"""The English interface: switching language rebuilds the window in English and back, and the
translation file is complete (every message translated, no Chinese left, placeholders kept)."""
import glob
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import QTranslator, Qt  # noqa: E402
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton  # noqa: E402

from app.ui.mainwindow.main import I18N, Controller  # noqa: E402
from app.ui.settings.preferences import Preferences  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TS = I18N / "zhucun_en.ts"
QM = I18N / "zhucun_en.qm"
# Han ideographs, CJK symbols and punctuation (、。「」 and the ideographic space), full-width forms (：，（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{\d+\}")

NAV_ZH = ["本月工作", "农户档案", "工作提示", "审核", "数据检查", "同步", "设置"]
NAV_EN = ["This month", "Households", "Work prompts", "Review", "Data checks", "Sync", "Settings"]


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text or ""))


# -- switching language ------------------------------------------------------------------------

@pytest.fixture
def controller(qapp, tmp_path, demo_store):
    from app.ui.mainwindow.main import make_app
    make_app()
    c = Controller(demo_store.data_dir, Preferences(tmp_path / "s.ini"))
    c.open_main(demo_store)
    yield c
    # Leave the shared QApplication as the other tests expect it: Chinese, no event filter.
    c.autolock.stop()
    c.apply_language("zh_CN")
    if c.session is not None:
        c.session.lock()
    if c.window is not None:
        c.window.close()


def nav_texts(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def header_texts(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def page_texts(page) -> list[str]:
    """What the page itself says: labels, buttons, check boxes, placeholders and the first
    ("all …") item of each filter (the other items are the data's own names)."""
    texts = [w.text() for cls in (QLabel, QPushButton, QCheckBox) for w in page.findChildren(cls)]
    texts += [page.search.placeholderText()]
    texts += [c.itemText(0) for c in page.findChildren(QComboBox) if c.count()]
    return [t for t in texts if t]


def test_switching_to_english_and_back_rebuilds_the_window(controller, qtbot):
    window = controller.window
    qtbot.waitExposed(window)
    assert nav_texts(window) == NAV_ZH
    assert window.windowTitle() == "驻村 Zhucun — 防止返贫动态监测"
    assert header_texts(window.households.model)[1] == "户主"

    controller.set_language("en")
    english = controller.window
    assert english is not window
    qtbot.waitExposed(english)
    assert controller.prefs.language == "en"
    assert nav_texts(english) == NAV_EN
    title = english.windowTitle()
    assert "Zhucun" in title and not has_cjk(title)
    assert english.user_label.text().startswith("User: ")
    assert english.settings.language_combo.currentData() == "en"

    english.nav.setCurrentRow(1)
    page = english.households
    texts = page_texts(page)
    assert "Households" in texts and "Add household" in texts
    assert [t for t in texts if has_cjk(t)] == []
    headers = header_texts(page.model)
    assert headers[1] == "Head" and "Pairing cadre" in headers
    assert [h for h in headers if not h or has_cjk(h)] == []
    assert [h for h in header_texts(english.home.due_model) if not h or has_cjk(h)] == []

    controller.set_language("zh_CN")
    chinese = controller.window
    assert chinese is not english
    assert controller.prefs.language == "zh_CN"
    assert controller.translator is None
    assert nav_texts(chinese) == NAV_ZH
    assert chinese.windowTitle() == "驻村 Zhucun — 防止返贫动态监测"
    assert header_texts(chinese.households.model)[1] == "户主"
    assert "农户档案" in page_texts(chinese.households)


def test_language_is_remembered_for_the_next_start(qapp, tmp_path, demo_store):
    prefs = Preferences(tmp_path / "s.ini")
    prefs.language = "en"
    c = Controller(demo_store.data_dir, prefs)
    try:
        assert c.translator is not None
        assert c.translator.translate("MainWindow", "农户档案") == "Households"
    finally:
        c.apply_language("zh_CN")
    assert c.translator is None


# -- the translation file ----------------------------------------------------------------------

def messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


def test_every_message_has_a_finished_english_translation():
    found = messages(TS)
    assert len(found) > 300
    problems = []
    for context, m in found:
        source = m.findtext("source")
        t = m.find("translation")
        where = f"[{context}] {source!r}"
        if t is None or t.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where}: not finished ({None if t is None else t.get('type')})")
            continue
        text = t.text or ""
        if not text.strip():
            problems.append(f"{where}: empty")
        if has_cjk(text):
            problems.append(f"{where}: Chinese left in {text!r}")
        missing = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
        if missing:
            problems.append(f"{where}: placeholders {sorted(missing)} missing from {text!r}")
        for token in ("%v", "%m"):
            if token in source and token not in text:
                problems.append(f"{where}: {token} missing from {text!r}")
    assert problems == []


def test_compiled_translations_match_the_source_file():
    """zhucun_en.qm was rebuilt after the last edit of zhucun_en.ts (scripts/i18n.sh)."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [(context, m.findtext("source")) for context, m in messages(TS)
             if translator.translate(context, m.findtext("source")) != (m.findtext("translation") or "")]
    assert stale == []


def test_every_string_in_the_window_code_is_in_the_translation_file(tmp_path):
    """A new tr() string in app/ui needs an English translation: run scripts/i18n.sh, translate
    the new entries in resources/i18n/zhucun_en.ts, and build the .qm again."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    copy = tmp_path / "zhucun_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(glob.glob(str(ROOT / "app" / "ui" / "**" / "*.py"), recursive=True))
    subprocess.run([lupdate, *sources, "-ts", str(copy), "-source-language", "zh_CN", "-target-language", "en"],
                   check=True, capture_output=True, cwd=ROOT)
    untranslated = [f"[{context}] {m.findtext('source')!r}" for context, m in messages(copy)
                    if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
    assert untranslated == []
