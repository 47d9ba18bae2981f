"""The command line: every operation of the application, scriptable, JSON out with --json.

One module per command group declares its commands with their options beside their handlers
(`register`); runtime.py holds what they share (the store, today, output, exit codes). This
module builds the parser from the groups and runs a command.

Exit status: 0 ok, 2 refused (wrong passphrase, no store, store busy), 3 invalid input (the
message names the field and the rule).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from app.cli.runtime import EXIT_INVALID, EXIT_OK, EXIT_REFUSED, Commands, Parser, default_data_dir, fail
from app.core.errors import AccessDenied, NotFound, StateError, ValidationError, ZhucunError

# The command group modules (app/cli/<name>.py), in the order `zhucun --help` lists them.
GROUPS = ("store", "demo", "households", "visits", "cases", "due", "check", "duties", "worklog", "config", "forms",
          "printing", "review", "sync", "ledger", "audit", "window", "backup", "diagnostics")
# Common options that take a value: what follows them is not the command.
_VALUED = ("--data", "--user")


def command_word(argv: list[str]) -> str | None:
    """The command named in `argv` (its first word that is neither an option nor an option's value)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser. Given `argv`, the groups are imported and declared in order only until the one
    holding its command (a command's start need not load every other group); all of them for
    help, a mistyped command or none."""
    common = Parser(add_help=False)
    common.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="store folder")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passphrases one per line from standard input")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    common.add_argument("--user", default=argparse.SUPPRESS, help="user name")

    parser = Parser(prog="zhucun", parents=[common], description="驻村 Zhucun — 防止返贫动态监测 field data")
    # Not set_defaults: the option objects are shared with every subcommand through `common`.
    parser.set_defaults(func=lambda args: importlib.import_module("app.cli.window").cmd_gui(args))
    from app import __version__
    parser.add_argument("--version", action="version", version=f"zhucun {__version__}")
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)
    word = command_word(argv) if argv is not None else None
    for name in GROUPS:
        importlib.import_module(f"app.cli.{name}").register(commands)
        if word is not None and word in commands.sub.choices:
            break
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    for name, value in (("data", None), ("passphrase_stdin", False), ("json", False), ("user", None)):
        if not hasattr(args, name):
            setattr(args, name, value)
    if args.data is None:
        args.data = default_data_dir()
    args.data = Path(args.data).expanduser()
    from app import log
    from app.faults import command_name
    log.setup()
    code = _run(args)
    log.logger.info("%s: exit %s", command_name(args), code)
    return code


def _run(args) -> int:
    try:
        result = args.func(args)
        return result if isinstance(result, int) else EXIT_OK
    except AccessDenied as e:
        return fail(args, EXIT_REFUSED, {"error": "refused", "message": str(e)},
                    f"拒绝 (refused): {e}")
    except ValidationError as e:
        # Some rules' messages are sentences without the field's name: name it in front.
        text = str(e) if str(e).startswith(e.field) else f"{e.field} ({e.rule}): {e}"
        return fail(args, EXIT_INVALID, e.as_dict(), f"输入有误 (invalid input) — {text}")
    except (NotFound, StateError) as e:
        kind = "not_found" if isinstance(e, NotFound) else "state"
        return fail(args, EXIT_INVALID, {"error": kind, "message": str(e)}, f"无法执行 (not done) — {e}")
    except ZhucunError as e:
        return fail(args, EXIT_INVALID, {"error": "error", "message": str(e)}, str(e))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except Exception as e:  # noqa: BLE001 - a full disk, a read-only folder, a bug: a sentence, never a traceback
        from app.faults import explain
        code, data, text = explain(e, args)
        return fail(args, code, data, text)


if __name__ == "__main__":
    sys.exit(main())
