"""Tests of app/storage: keys, encryption, crashes, audit chain, backups, migrations."""
