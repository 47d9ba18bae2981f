"""Settings every test shares.

"Today" is pinned for the whole run (and for every program a test starts, through the
environment) so that no test depends on the calendar: the date is TEST_TODAY, or the date in
ZHUCUN_TEST_TODAY when a run wants to try another one (month, quarter and year ends, 29 February).
"""
import os

import pytest

from app.core import clock

TEST_TODAY = "2026-11-20"


def pytest_configure(config):
    os.environ[clock.ENV] = os.environ.get("ZHUCUN_TEST_TODAY") or TEST_TODAY
    # The program's log goes to a folder of this run, not the tester's own log folder.
    import tempfile
    os.environ.setdefault("ZHUCUN_LOG_DIR", tempfile.mkdtemp(prefix="zhucun-test-logs-"))


@pytest.fixture(autouse=True)
def _release_pinned_today():
    yield
    clock.pin(None)
