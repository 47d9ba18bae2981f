"""A select with randomize=true offers its choices in the window in the seeded order, and the
order follows the question the seed is read from."""
import pytest

from app.services import forms  # noqa: E402
from app.ui.forms.form_filler import FormFiller  # noqa: E402
from tests.support.window import type_into  # noqa: E402

FORM = """
| survey |  |  |  |  |
|  | type | name | label::中文 (zh) | parameters |
|  | integer | seed | 抽签号 | |
|  | select_one crop | crop | 主要作物 | randomize=true seed=${seed} |
| choices |  |  |  | |
|  | list_name | name | label::中文 (zh) | |
|  | crop | A | 水稻 | |
|  | crop | B | 玉米 | |
|  | crop | C | 茶叶 | |
|  | crop | D | 油菜 | |
|  | crop | E | 柑橘 | |
|  | crop | F | 烤烟 | |
"""


def test_the_choices_follow_the_seed(qtbot, session, hid, tmp_path):  # noqa: F811
    path = tmp_path / "crop.md"
    path.write_text(FORM, "utf-8")
    result = forms.import_form(session.store, path)
    filler = FormFiller(session, result["id"], hid)
    qtbot.addWidget(filler)
    filler.show()
    qtbot.waitExposed(filler)
    combo = filler.cells["crop"].editor.combo

    def offered():
        return "".join(combo.itemData(i) for i in range(1, combo.count()))

    type_into(qtbot, filler, "seed", "42")
    assert offered() == "AFCBDE"
    combo.setCurrentIndex(combo.findData("F"))
    combo.activated.emit(combo.currentIndex())   # as a person picks from the list
    type_into(qtbot, filler, "seed", "1")
    assert offered() == "BFEACD" and filler.state.values["crop"] == "F"
