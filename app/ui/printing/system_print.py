"""打印: a saved PDF sent to a printer through the system: the print dialog chooses the printer
and the copies, then CUPS (`lp`) prints the file; on Windows the PDF viewer's own print verb.
No copy of the PDF is made anywhere."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget


class PrintUnavailable(Exception):
    """No way to reach a printer from here; the message says what to do instead."""


def choose_printer(parent: QWidget | None) -> tuple[str, int] | None:
    """The system print dialog: (printer name, copies), or None if the person cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer.printerName(), max(1, printer.copyCount())


def print_pdfs(paths: list[Path], parent: QWidget | None = None) -> bool:
    """Send `paths` to a printer the person chooses; False if they cancelled."""
    if sys.platform == "win32":
        for path in paths:
            os.startfile(str(path), "print")  # noqa: S606 - the PDF viewer's print verb
        return True
    lp = shutil.which("lp")
    if lp is None:
        raise PrintUnavailable(QCoreApplication.translate(
            "SystemPrint", "这台电脑上没有打印服务（CUPS）。请点“打开 PDF”，在阅读器中打印。"))
    chosen = choose_printer(parent)
    if chosen is None:
        return False
    name, copies = chosen
    command = [lp, *(["-d", name] if name else []), "-n", str(copies), "--", *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise PrintUnavailable(QCoreApplication.translate(
            "SystemPrint", "打印机没有接受这份文件：{0}").format((done.stderr or done.stdout).strip()))
    return True
