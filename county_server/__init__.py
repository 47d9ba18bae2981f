"""The county server: receives the villages' batches, keeps their records, publishes to them.

`db` (its tables, SQLite or PostgreSQL through SQLAlchemy Core), `county` (keys, enrollment,
devices, publications), `ingest` (a batch into the records, all or nothing), `api` (the HTTP
API of docs/sync.md), `cli` (the administrator's commands, `./zhucun-county`).
"""
