"""Helpers the tests share (not tests themselves): cheap stores and household builders
(stores), the storage tests' families and folders (storage), a county and its devices
(countykit), driving the window's dialogs (dialogs). Fixtures live in tests/conftest.py and in
each folder's conftest.py; a test module imports helpers from here, never from another test."""
