"""One stylesheet: consistent spacing and a clear hierarchy, readable at 1366×768; buttons,
radio buttons and check boxes big enough to hit with a pen or a finger."""

ACCENT = "#1f6f5c"       # deep green: the app's one colour
WARN = "#b3261e"         # overdue, errors
MUTED = "#5f6b66"

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f5; }}
QWidget#nav {{ background: #e9eeeb; }}
QListWidget#nav {{ border: none; background: #e9eeeb; font-size: 15px; padding-top: 8px; }}
QListWidget#nav::item {{ padding: 10px 14px; border-radius: 6px; margin: 2px 8px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QLabel[role="title"] {{ font-size: 20px; font-weight: 600; color: #1b2521; }}
QLabel[role="section"] {{ font-size: 15px; font-weight: 600; color: #1b2521; margin-top: 6px; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="warn"] {{ color: {WARN}; font-weight: 600; }}
QLabel[role="error"] {{ color: {WARN}; }}
QFrame[role="card"] {{ background: white; border: 1px solid #dfe4e1; border-radius: 8px; }}
QPushButton {{ padding: 5px 14px; border-radius: 5px; border: 1px solid #c5ccc8; background: white;
    min-height: 22px; }}
QRadioButton, QCheckBox {{ spacing: 8px; min-height: 26px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 18px; height: 18px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: #9bb8ae; border-color: #9bb8ae; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    padding: 4px 6px; border: 1px solid #c5ccc8; border-radius: 4px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {ACCENT}; }}
QComboBox, QDateEdit, QSpinBox {{ min-height: 24px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 1px solid {WARN}; }}
QComboBox[invalid="true"], QDateEdit[invalid="true"], QSpinBox[invalid="true"] {{ background: #fbe9e7; }}
QTableView, QTreeWidget, QListWidget {{ background: white; border: 1px solid #dfe4e1;
    selection-background-color: #cfe5dc; selection-color: #1b2521; alternate-background-color: #f7faf8; }}
QHeaderView::section {{ background: #eef2f0; padding: 5px; border: none; border-bottom: 1px solid #dfe4e1;
    font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid #dfe4e1; background: white; border-radius: 4px; }}
QTabBar::tab {{ padding: 7px 16px; }}
QTabBar::tab:selected {{ color: {ACCENT}; font-weight: 600; border-bottom: 2px solid {ACCENT}; }}
QWidget#header {{ background: white; border-bottom: 1px solid #dfe4e1; }}
"""


def set_role(widget, role: str):
    """Tag a widget for the stylesheet (title, section, muted, warn, card, primary)."""
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
    bar.setStyleSheet("QProgressBar { background: #eef2f0; border: none; border-radius: 5px; }"
                      f" QProgressBar::chunk {{ background: {ACCENT}; border-radius: 5px; }}")
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
