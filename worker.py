"""rq worker entry: `python worker.py [--burst]` runs one worker on REDIS_URL, like `docproc worker`.

The job functions live in `docproc.service.jobs`; nothing else lives here.
"""

from __future__ import annotations

import sys

from docproc.core.settings import Settings
from docproc.service.jobs import run_worker

if __name__ == "__main__":
    run_worker(Settings(), burst="--burst" in sys.argv[1:])
