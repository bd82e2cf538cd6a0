import sys

from noticeboard.cli import main

sys.exit(main())
