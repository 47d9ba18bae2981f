#!/usr/bin/env bash
# Fetch the public archives bench/data/SOURCE.md names and convert them to the labelled sets
# bench.signatures --labelled reads. Needs the network (github.com); not run by the tests.
#   scripts/signature_data/fetch.sh [DIR]   (archives are kept in DIR, default bench/data/raw)
set -euo pipefail
cd "$(dirname "$0")/../.."
raw="${1:-bench/data/raw}"
commit=e861388288838438e44d4c441fd069071a64727f
base="https://github.com/sigstat/sigstat/raw/$commit"
mkdir -p "$raw"
[ -s "$raw/Task2.zip" ] || curl -fL -o "$raw/Task2.zip" "$base/src/SigStat.Sample/Databases/Online/SVC2004/Task2.zip"
[ -s "$raw/DutchSample.zip" ] || curl -fL -o "$raw/DutchSample.zip" "$base/test/SigStat.Common.Test/Databases/DutchSample.zip"
.venv/bin/python -m scripts.signature_data.svc2004 "$raw/Task2.zip" bench/data/svc2004.json.gz
.venv/bin/python -m scripts.signature_data.sigcomp2011_dutch "$raw/DutchSample.zip" bench/data/sigcomp2011_dutch.json.gz
sha256sum bench/data/svc2004.json.gz bench/data/sigcomp2011_dutch.json.gz
