import sys

try:
    from .cli import run
except KeyboardInterrupt:  # Ctrl-C while Python is still importing
    sys.exit(130)

run()
