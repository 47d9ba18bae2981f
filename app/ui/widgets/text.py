"""Punctuation that joins text built in code: full-width in Chinese, ASCII in English."""
from PySide6.QtCore import QCoreApplication


def colon() -> str:
    return QCoreApplication.translate("Punctuation", "：")


def comma() -> str:
    return QCoreApplication.translate("Punctuation", "，")


def semicolon() -> str:
    return QCoreApplication.translate("Punctuation", "；")
