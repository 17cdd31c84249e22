import sys

from waypost.cli import main

sys.exit(main())
