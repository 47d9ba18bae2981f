"""Settings and fixtures every test shares; helpers live in tests/support/.

"Today" is pinned for the whole run (and for every program a test starts, through the
environment) so that no test depends on the calendar: the date is TEST_TODAY, or the date in
ZHUCUN_TEST_TODAY when a run wants to try another one (month, quarter and year ends, 29 February).

Fixtures: `store` (a new store with the cheap key derivation; `store_info` has its folder,
passphrase and recovery code; a folder's conftest may give another `store_spec`), `hh` (household
builders on it), `db_url` and `engine` (a county database on SQLite, and on PostgreSQL when
ZHUCUN_TEST_COUNTY_DB is set, with its master key in `county_key_file`), `pad` (the signature pad on
screen). The window's own fixtures are in tests/ui/conftest.py.
"""
import os
import tempfile

import pytest

from app.core import clock
from tests.support.countydb import COUNTY_DBS, county_database
from tests.support.stores import FAST_KDF, Builder, StoreInfo, StoreSpec

TEST_TODAY = "2026-11-20"


def pytest_configure(config):
    os.environ[clock.ENV] = os.environ.get("ZHUCUN_TEST_TODAY") or TEST_TODAY
    # The program's log and the county's go to a folder of this run, not the tester's own log folder.
    logs = os.environ.setdefault("ZHUCUN_LOG_DIR", tempfile.mkdtemp(prefix="zhucun-test-logs-"))
    os.environ.setdefault("ZHUCUN_COUNTY_LOG_DIR", logs)


@pytest.fixture(autouse=True)
def _release_pinned_today():
    yield
    clock.pin(None)


# -- a device's store ------------------------------------------------------------------------------
@pytest.fixture
def store_spec() -> StoreSpec:
    return StoreSpec()


@pytest.fixture
def store_info(tmp_path, store_spec):
    from app.storage.store import Store
    path = tmp_path / store_spec.folder
    store, code = Store.create(path, store_spec.user, store_spec.passphrase, kdf_params=FAST_KDF)
    store.recovery_code = code
    info = StoreInfo(path, store, code, store_spec.passphrase, store_spec.user)
    yield info
    if info.store.conn is not None:
        info.store.close()


@pytest.fixture
def store(store_info):
    return store_info.store


@pytest.fixture
def hh(store) -> Builder:
    return Builder(store)


# -- the county's database -------------------------------------------------------------------------
@pytest.fixture
def county_key_file(tmp_path_factory, monkeypatch):
    """The county's master key for this test, in a key file (0600) the county's commands and
    servers started by the test find through $ZHUCUN_COUNTY_KEY_FILE."""
    from county_server import keys
    path = tmp_path_factory.mktemp("county-key") / "county.key"
    keys.new_key_file(path)
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(path))
    return path


@pytest.fixture(params=COUNTY_DBS)
def db_url(request, tmp_path, county_key_file):
    with county_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url):
    """The county's database, initialised (SQLAlchemy engine; `url_text` for create_app)."""
    from county_server import county as cty
    from county_server import db
    e = db.make_engine(db_url)
    cty.init_county(e, "测试县")
    e.url_text = db_url
    yield e
    e.dispose()



# -- the window's widgets --------------------------------------------------------------------------
@pytest.fixture
def pad(qtbot):
    """The signature pad, 600×200, shown."""
    from app.ui.forms.signature_pad import SignaturePad
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(600, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
