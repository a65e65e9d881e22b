import sys

from imnm.cli import main

sys.exit(main())
