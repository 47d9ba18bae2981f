"""Helpers the tests share (not tests themselves); fixtures live in tests/conftest.py and in each
folder's conftest.py, and a test module imports helpers from here, never from another test.

- stores: the cheap key derivation (FAST_KDF), stores, households built through the services
- storage: the storage tests' store, families with a visit, folder fingerprints
- countydb: the county's database on SQLite and on the PostgreSQL of ZHUCUN_TEST_COUNTY_DB
- countykit: a county's devices (batches sealed and signed requests), what the county holds
- fakecounty: a fake county over mock HTTP or a loopback server, for the device's sync tests
- cli: `zhucun` run as a script runs it
- printed: the month report's demo village and reading PDFs back (text, fonts, pages, ink)
- window: driving the window's dialogs and form filler
- packaged: the packaged program's tests' helpers
"""
