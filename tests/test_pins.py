"""Every output of source/*.yaml and tests/fixtures/*.yaml in both styles, every redline of the
pairs the redline tests compare (tests/support/redlines.py) and the draft cycle's amendment
document are byte-identical to their pins.

The pins (tests/pins.json) were taken before the code was re-laid by stage (the redlines' and the
amendment's before the diff marks became a layer of their own); a change that deliberately alters
output regenerates them with ``tools/pins.py --update``.
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
    assert any(k.startswith("redline lang-ar ") for k in built) and any(k.startswith("amend ") for k in built)
    changed = sorted(k for k in pinned if built[k] != pinned[k])
    assert not changed, f"outputs changed: {changed} (deliberate? run tools/pins.py --update)"
