"""One stylesheet: consistent spacing and a clear hierarchy, readable at 1366×768; buttons,
radio buttons and check boxes big enough to hit with a pen or a finger."""

# -- the palette: every colour the window uses, named by what it means ----------------------------
ACCENT = "#1f6f5c"       # deep green: the app's one colour
WARN = "#b3261e"         # overdue, errors
MUTED = "#5f6b66"        # secondary text
INK = "#1b2521"          # titles and body text
GREY_INK = "#3d4743"     # text on a grey badge
SIGNATURE_INK = "#1c2433"
CAUTION = "#8a5a00"      # needs attention, not yet wrong
LATE = "#a15c00"         # a warning among the checks
OK_GREEN = "#2e7d4f"     # done, secured
ORANGE = "#d08c2c"       # short of the target (attendance, a chart series)
SERIES_LIGHT = "#b9cfc6"
SERIES_BLUE = "#5b7fa6"
DEMO = "#f4b400"         # the demo village's banner
PAGE = "#f6f7f5"         # a page's background
PAPER = "#ffffff"
PANEL = "#fbfcfb"        # a question's panel in a form
NOTE_BG = "#f7faf8"      # a task's note, alternate rows
TRACK = "#eef2f0"        # a progress bar's track, table headers
LINE = "#dfe4e1"         # borders of cards and tables
RULE_LINE = "#e6eae8"    # the rule between timeline entries
GRID = "#e4e9e6"         # a chart's grid
EDGE = "#c5ccc8"         # borders of inputs and the signature pad
PAD_RULE = "#9aa39f"     # the signature pad's baseline
AXIS = "#9aa5a0"         # a chart's axis
TINT_GREEN = "#e3efe9"
TINT_AMBER = "#fbefd9"
TINT_RED = "#fbe3e1"
TINT_GREY = "#eceeed"
TINT_ACCENT = "#eef5f1"  # a statement or hint set apart
AMBER_EDGE = "#e0a93b"
# a badge's (background, text) by its tone
TONES = {"green": (TINT_GREEN, ACCENT), "amber": (TINT_AMBER, CAUTION), "red": (TINT_RED, WARN),
         "grey": (TINT_GREY, GREY_INK)}

STYLESHEET = f"""
QMainWindow, QDialog {{ background: {PAGE}; }}
QWidget#nav {{ background: #e9eeeb; }}
QListWidget#nav {{ border: none; background: #e9eeeb; font-size: 15px; padding-top: 8px; }}
QListWidget#nav::item {{ padding: 10px 14px; border-radius: 6px; margin: 2px 8px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QLabel[role="title"] {{ font-size: 20px; font-weight: 600; color: {INK}; }}
QLabel[role="section"] {{ font-size: 15px; font-weight: 600; color: {INK}; margin-top: 6px; }}
QLabel[role="heading"] {{ font-size: 15px; font-weight: 600; color: {INK}; margin-top: 0px; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="warn"] {{ color: {WARN}; font-weight: 600; }}
QLabel[role="error"] {{ color: {WARN}; }}
QFrame[role="card"] {{ background: white; border: 1px solid {LINE}; border-radius: 8px; }}
QPushButton {{ padding: 5px 14px; border-radius: 5px; border: 1px solid {EDGE}; background: white;
    min-height: 22px; }}
QRadioButton, QCheckBox {{ spacing: 8px; min-height: 26px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 18px; height: 18px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: #9bb8ae; border-color: #9bb8ae; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    padding: 4px 6px; border: 1px solid {EDGE}; border-radius: 4px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {ACCENT}; }}
QComboBox, QDateEdit, QSpinBox {{ min-height: 24px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 1px solid {WARN}; }}
QComboBox[invalid="true"], QDateEdit[invalid="true"], QSpinBox[invalid="true"] {{ background: #fbe9e7; }}
QTableView, QTreeWidget, QListWidget {{ background: white; border: 1px solid {LINE};
    selection-background-color: #cfe5dc; selection-color: {INK}; alternate-background-color: {NOTE_BG}; }}
QHeaderView::section {{ background: {TRACK}; padding: 5px; border: none; border-bottom: 1px solid {LINE};
    font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {LINE}; background: white; border-radius: 4px; }}
QTabBar::tab {{ padding: 7px 16px; }}
QTabBar::tab:selected {{ color: {ACCENT}; font-weight: 600; border-bottom: 2px solid {ACCENT}; }}
QWidget#header {{ background: white; border-bottom: 1px solid {LINE}; }}
QLabel#village {{ font-size: 15px; font-weight: 600; }}
QLabel#demoBanner {{ background: {DEMO}; color: {INK}; font-weight: 700; font-size: 15px; padding: 6px 16px; }}
QLabel#demoTag {{ background: {DEMO}; color: {INK}; font-weight: 700; border-radius: 4px; padding: 2px 8px; }}
QLabel#notice {{ background: {ACCENT}; color: white; border-radius: 6px; padding: 8px 18px; font-size: 15px;
    font-weight: 600; }}
QLabel#checksDetail {{ background: white; border: 1px solid {LINE}; border-radius: 6px; padding: 6px 10px; }}
QLabel#taskDetail {{ background: {NOTE_BG}; border: 1px solid {LINE}; border-radius: 4px; padding: 8px; }}
QFrame#entry {{ background: {PANEL}; border: 1px solid {LINE}; border-radius: 6px; }}
QFrame#reasonBox {{ background: {TINT_AMBER}; border-radius: 6px; }}
QWidget#formContent, QWidget#overviewContent, QWidget#homeContent {{ background: {PAGE}; }}
QLabel[role="banner"] {{ background: {TINT_GREEN}; color: {ACCENT}; border-radius: 4px; padding: 5px 10px; }}
QLabel[role="statement"] {{ background: {TINT_ACCENT}; color: {INK}; border-left: 3px solid {ACCENT};
    border-radius: 4px; padding: 7px 10px; }}
"""


def badge_style(tone: str) -> str:
    """A rounded badge in one of `TONES` (green, amber, red, grey)."""
    bg, fg = TONES[tone]
    return f"background: {bg}; color: {fg}; border-radius: 10px; padding: 2px 10px; font-weight: 600;"


def panel_style(object_name: str, tone: str) -> str:
    """A result panel (QLabel#object_name) tinted by its tone."""
    bg, fg = TONES[tone]
    return f"QLabel#{object_name} {{ background: {bg}; color: {fg}; border-radius: 6px; padding: 10px 12px; }}"


def bar_style(chunk: str = ACCENT, radius: int = 4) -> str:
    """A thin progress bar on the track colour, its filled part in `chunk`."""
    return (f"QProgressBar {{ background: {TRACK}; border: none; border-radius: {radius}px; }}"
            f" QProgressBar::chunk {{ background: {chunk}; border-radius: {radius}px; }}")


def set_role(widget, role: str):
    """Tag a widget for the stylesheet (title, section, heading: a section title at the top of
    its card, muted, warn, error, card, primary, banner, statement)."""
    widget.setProperty("role", role)
    return widget


def wrapped(text: str = "", role: str | None = None):
    """A label that wraps its text, with an optional stylesheet role (muted, error, …)."""
    from PySide6.QtWidgets import QLabel
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        set_role(label, role)
    return label


def card(title: str | None = None, margins: tuple[int, int, int, int] = (16, 12, 16, 14),
         spacing: int = 8):
    """A white card with an optional section title: (frame, its layout)."""
    from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout
    frame = QFrame()
    set_role(frame, "card")
    box = QVBoxLayout(frame)
    box.setContentsMargins(*margins)
    box.setSpacing(spacing)
    if title:
        box.addWidget(set_role(QLabel(title), "section"))
    return frame, box


def thin_progress(object_name: str):
    """The slim accent-coloured progress bar long jobs show beside their label."""
    from PySide6.QtWidgets import QProgressBar
    bar = QProgressBar()
    bar.setObjectName(object_name)
    bar.setTextVisible(False)
    bar.setFixedHeight(10)
    bar.setStyleSheet(bar_style(ACCENT, 5))
    return bar


def progress_row(bar, label, cancel_button):
    """Bar, label and 取消 in one row, hidden until a job runs."""
    from PySide6.QtWidgets import QHBoxLayout, QWidget
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(10)
    row.addWidget(bar, 1)
    row.addWidget(label)
    row.addWidget(cancel_button)
    widget.hide()
    return widget
