"""Every output of source/*.yaml and tests/fixtures/*.yaml in both styles is byte-identical to its pin.

The pins (tests/pins.json) were taken before the code was re-laid by stage; a change that
deliberately alters output regenerates them with ``tools/pins.py --update``.
"""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pins_module():
    spec = importlib.util.spec_from_file_location("pins", ROOT / "tools" / "pins.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_outputs_match_pins():
    pinned = json.loads((ROOT / "tests" / "pins.json").read_text())
    built = _pins_module().compute()
    assert set(built) == set(pinned), "outputs differ from the pinned list: run tools/pins.py --update"
    changed = sorted(k for k in pinned if built[k] != pinned[k])
    assert not changed, f"outputs changed: {changed} (deliberate? run tools/pins.py --update)"
