import os
import sys

from county_server.cli import main

if os.name == "posix":
    os.umask(0o077)  # every file the county writes (database, keys, receipts, exports, logs) is 0600
sys.exit(main())
