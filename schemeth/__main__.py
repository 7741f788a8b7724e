"""`python -m schemeth`."""
import sys

from .cli import main

sys.exit(main())
