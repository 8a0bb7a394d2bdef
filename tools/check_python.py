"""Exit with one clear line when this Python is older than calclib's minimum (3.10).

Written without f-strings so that even a very old interpreter can run it and say so.
"""
import sys

MINIMUM = (3, 10)

if sys.version_info[:2] < MINIMUM:
    found = "%d.%d.%d" % sys.version_info[:3]
    sys.stderr.write(
        "calclib needs Python %d.%d or newer, but %s is Python %s; "
        "run again with PYTHON=/path/to/python3.10+ (for example: make test PYTHON=python3.12)\n"
        % (MINIMUM[0], MINIMUM[1], sys.executable, found)
    )
    sys.exit(1)
