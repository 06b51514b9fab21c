"""Run unoserver for the tests, and stop it when the test run's controller is gone.

Usage (by tests/support/office.py, under the Python that has LibreOffice's ``uno``):
``python3 office_server.py CONTROLLER_PID [unoserver options]``. A thread checks every two
seconds that the controller still runs; when it does not (a run killed hard), it sends this
process SIGTERM, which unoserver forwards to LibreOffice before it exits.
"""

import os
import signal
import sys
import threading
import time


def watch(controller: int) -> None:
    while True:
        time.sleep(2)
        try:
            os.kill(controller, 0)
        except ProcessLookupError:
            os.kill(os.getpid(), signal.SIGTERM)
            return


def main() -> None:
    controller = int(sys.argv[1])
    sys.argv = ["unoserver", *sys.argv[2:]]
    threading.Thread(target=watch, args=(controller,), daemon=True).start()
    from unoserver.server import main as serve

    sys.exit(serve())


if __name__ == "__main__":
    main()
