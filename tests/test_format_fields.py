"""Every writer carries each optional claim field or reports it lost.

A new field on Claim (like `label` and `step`) must not vanish silently in
some format: this test names the fields and asks every writer in the
registry about them.
"""

from __future__ import annotations

import pytest

from argmap.formats import registry
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap

MAP = """\
argmap: 1
claims:
  - id: c
    text: The conclusion.
    label: Conclusion
    step: 1
    premises:
      - id: p
        text: The premise.
        label: Premise
        step: 2
"""

# Claim field -> the loss kind a writer reports when it cannot hold it.
OPTIONAL_FIELDS = {"label": "label", "step": "step"}


def the_map() -> ArgumentMap:
    result = load_yaml_text(MAP, "m.yaml")
    assert result.diagnostics == []
    return result.map


@pytest.mark.parametrize("fmt", [f for f in registry.FORMATS if f.writes], ids=lambda f: f.name)
def test_each_optional_field_is_carried_or_reported(fmt: registry.Format) -> None:
    amap = the_map()
    written = fmt.write(amap)
    lost = {loss.kind for loss in written.losses}
    for field, kind in OPTIONAL_FIELDS.items():
        wanted = [getattr(c, field) for c in amap.claims]
        if kind in lost:
            continue
        if fmt.reads:
            back = fmt.read(written.text, f"m{fmt.suffixes[0]}").map
            assert [getattr(c, field) for c in back.claims] == wanted, (fmt.name, field)
        else:
            assert all(str(value) in written.text for value in wanted), (fmt.name, field)
