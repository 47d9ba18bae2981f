import sys

from county_server.cli import main

sys.exit(main())
