import sys

from noticeboard.cli.main import main

sys.exit(main())
