"""What both command lines (the device's `zhucun` and the county's `zhucun-county`) need of the
terminal: usage mistakes are invalid input (exit 3), and passphrases come from the terminal or,
one per line, from standard input."""
from __future__ import annotations

import argparse
import getpass
import sys

from app.core.errors import AccessDenied, ValidationError
from app.core.exitcodes import EXIT_INVALID


class Parser(argparse.ArgumentParser):
    """Usage mistakes are invalid input (exit 3), like any other."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: 输入有误 (invalid input): {message}\n")


class Secrets:
    """Passphrases come from the terminal, or one per line on standard input."""

    def __init__(self, from_stdin: bool):
        self.from_stdin = from_stdin

    def ask(self, prompt: str, confirm: bool = False) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise AccessDenied(f"no passphrase on standard input ({prompt.strip(': ')})")
            return line.rstrip("\r\n")
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("再输入一次 (again): ") != value:
            raise ValidationError("passphrase", "both entries match", "passphrase: 两次输入不一致 (entries differ)")
        return value
