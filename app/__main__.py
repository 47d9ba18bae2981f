import os
import sys


def _text_streams() -> None:
    """Chinese output must not crash the program: a console or pipe whose encoding cannot
    write Chinese (a Windows code page such as cp1252) gets UTF-8, and a character the
    encoding lacks (a rare name character in GBK) prints as '?'. A windowed program
    (zhucun-gui on Windows) has no streams at all: writes go nowhere."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            "驻村".encode(stream.encoding or "ascii")
            stream.reconfigure(errors="replace")
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run() -> int:
    """`python -m app`, the `zhucun` script pip installs, and the packaged program."""
    _text_streams()
    from app import log
    log.install_excepthooks()
    from app.cli import main
    return main()


if __name__ == "__main__":
    sys.exit(run())
