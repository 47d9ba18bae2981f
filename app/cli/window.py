"""The window (`zhucun` with no command) and `zhucun screenshots`, which draws its screens."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.runtime import Commands, emit


def screen_size(text: str) -> tuple[int, int]:
    """'1024x600' → (1024, 600)."""
    try:
        width, height = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"屏幕尺寸应写作 宽x高，如 1024x600 (size as WxH): {text!r}") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"屏幕至少 320x240 (screen at least 320x240): {text!r}")
    return width, height


def cmd_screenshots(args):
    from app.ui.screenshots import render_all
    files = render_all(Path(args.out), args.households, args.language, size=args.size, scale=args.scale)
    emit(args, files, "\n".join(files))


def cmd_gui(args):
    from app.ui.mainwindow.main import run
    return run(args.data)


def register(commands: Commands) -> None:
    p = commands.add("screenshots", cmd_screenshots, "render every main screen of a demo village to PNG")
    p.add_argument("--out", required=True)
    p.add_argument("--households", type=int, default=300)
    p.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--size", type=screen_size, default=(1366, 768), metavar="WxH",
                   help="the screen the windows are drawn on, e.g. 1024x600 (default 1366x768)")
    p.add_argument("--scale", type=float, default=1.0, metavar="F",
                   help="display scaling, as Windows' 125%% or 150%%: 1.25, 1.5 (default 1)")
