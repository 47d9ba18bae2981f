"""`serve --workers N`: N processes answer the API on one listening socket (Linux, POSIX).

The parent unlocks the county's master key, binds the socket and forks the workers: each makes
its own database engine and runs uvicorn on the inherited socket, so the key reaches them in
memory only (never an environment variable or a file). The kernel hands each connection to one
worker; ingests of different devices run side by side (ingest.py locks only the sending
device's chain head and the records it writes), which pays on PostgreSQL. A worker that dies is
started again; SIGTERM or Ctrl-C stops them all, each finishing its requests.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from typing import Callable

log = logging.getLogger("zhucun.county")

RESTART_AFTER = 2.0   # seconds a worker must have run for a death to be a crash, not a failed start


def supported() -> bool:
    return hasattr(os, "fork")


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=2048)
    sock.set_inheritable(True)
    return sock


def serve(make_app: Callable, workers: int, host: str, port: int, **uvicorn_options) -> int:
    """Serve `make_app()` (called in each worker) from `workers` processes; the exit status."""
    sock = listen(host, port)
    children: dict[int, float] = {}
    stopping = False

    def start() -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _run_worker(make_app, sock, uvicorn_options)
                code = 0
            except BaseException:  # noqa: BLE001 - the worker's end is reported by its status
                log.exception("county worker %s failed", os.getpid())
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children[pid] = time.monotonic()

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start()
    print(f"县服务器 {workers} 个进程 (county server: {workers} worker processes) on {host}:{port}",
          file=sys.stderr)
    status = 0
    while children:
        try:
            pid, wstatus = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        code = os.waitstatus_to_exitcode(wstatus)
        if time.monotonic() - started < RESTART_AFTER:
            print(f"县服务器进程 {pid} 启动失败 (worker {pid} failed to start, status {code}): stopping",
                  file=sys.stderr)
            status = 1
            stop(signal.SIGTERM, None)
            continue
        print(f"县服务器进程 {pid} 已退出，重新启动 (worker {pid} ended with status {code}; starting another)",
              file=sys.stderr)
        start()
    sock.close()
    return status


def _run_worker(make_app: Callable, sock: socket.socket, options: dict) -> None:
    import uvicorn
    server = uvicorn.Server(uvicorn.Config(make_app(), **options))
    server.run(sockets=[sock])
