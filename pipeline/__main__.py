import sys

try:
    from pipeline.app.cli import run
except KeyboardInterrupt:  # Ctrl-C while Python is still importing: said as the CLI says it
    print("unres: interrupted", file=sys.stderr)
    sys.exit(130)

run()
