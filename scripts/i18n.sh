#!/usr/bin/env bash
# Refresh the English translation source from the code, then compile it for the app.
#   scripts/i18n.sh          update resources/i18n/zhucun_en.ts and build zhucun_en.qm
# Translate new entries in the .ts (Qt Linguist: .venv/bin/pyside6-linguist) before building.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate $(find app/ui -name "*.py" | sort) -ts resources/i18n/zhucun_en.ts -source-language zh_CN -target-language en
.venv/bin/pyside6-lrelease resources/i18n/zhucun_en.ts -qm resources/i18n/zhucun_en.qm
