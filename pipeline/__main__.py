import sys

try:
    from pipeline.app.cli import run
except KeyboardInterrupt:  # Ctrl-C while Python is still importing
    sys.exit(130)

run()
