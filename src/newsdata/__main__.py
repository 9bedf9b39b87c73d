"""Allow ``python -m newsdata``."""

from newsdata.cli import main

raise SystemExit(main())
