"""Laptops of one village enrolled with the county in process, for the records-down tests."""
from __future__ import annotations

from app.services import sync
from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

from tests.support.stores import make_store

VILLAGE = "石门村"


def laptops(store, tmp_path, engine, names=("李明",)) -> tuple:
    """(transport, other laptops): `store` and a new laptop per name, each enrolled for VILLAGE."""
    transport = InProcess(api.create_app(engine.url_text))
    others = [make_store(tmp_path / f"laptop{k}", name) for k, name in enumerate(names)]
    for s in (store, *others):
        sync.enroll(s, "http://county.test", cty.new_code(engine, VILLAGE, "城关镇")["code"], transport=transport)
    return transport, others
