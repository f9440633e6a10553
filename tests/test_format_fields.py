"""The table of claim fields (argmap.model.CLAIM_FIELDS) is complete, and
every writer carries each optional field or reports it lost.

A new field on Claim (like `label` and `step` were) must not vanish silently
in some format: the test below is driven by the table, so a row added there
is asked of every writer in the registry, with no line added here (a field
of a new kind needs a sample value in SAMPLES).
"""

from __future__ import annotations

import typing
from typing import Any

import pytest

from argmap.formats import registry
from argmap.model import (
    CLAIM_FIELDS,
    OPTIONAL_CLAIM_FIELDS,
    ArgumentMap,
    Claim,
    ClaimField,
    FieldKind,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    SourceSpan,
    default_relation_id,
)

# A value of each kind of field, one per claim of the map below.
SAMPLES: dict[FieldKind, tuple[Any, Any]] = {
    FieldKind.TEXT: ("Conclusion", "Premise"),
    FieldKind.SIDE: ("pro", "con"),
    FieldKind.SOURCES: (SourceRef("s", "The words.", "p. 1"), SourceRef("s", loc="p. 2")),
    FieldKind.TAGS: (("alpha", "beta"), ("gamma",)),
    FieldKind.NUMBER: (0.25, 0.75),
    # Numbers no writer puts anywhere else, so finding them in the text means something.
    FieldKind.WHOLE: (7129, 8243),
    FieldKind.FLAG: (True, True),
}


def test_the_table_names_each_attribute_of_a_claim_once() -> None:
    """Claim's attributes are the table's fields, the positions where they
    were written (each field's `span`, and `span` where the claim's entry
    starts: positions are not content, so no format carries them and the
    diff ignores them), `more_sources`, the rest of the `source` field, and
    `origin`, the map a claim referred to as `other.yaml#x` comes from
    (the forms write the reference, not the claim)."""
    spans = [f.span for f in CLAIM_FIELDS if f.span is not None]
    named = [f.attr for f in CLAIM_FIELDS] + spans + ["span", "more_sources", "origin"]
    assert sorted(named) == sorted(Claim._fields)
    assert len({f.key for f in CLAIM_FIELDS}) == len({f.loss for f in CLAIM_FIELDS}) == len(CLAIM_FIELDS)
    # Optional fields are the ones a Claim can be made without.
    assert {f.attr for f in OPTIONAL_CLAIM_FIELDS} == set(Claim._field_defaults) & {
        f.attr for f in CLAIM_FIELDS
    }
    hints = typing.get_type_hints(Claim)
    assert {hints[span] for span in [*spans, "span"]} == {SourceSpan | None}


def map_with(field: ClaimField) -> ArgumentMap:
    """Two claims, a premise supporting a conclusion, each with `field` set."""
    values = SAMPLES[field.kind]
    claims = tuple(
        Claim(claim_id, text)._replace(**{field.attr: value})
        for claim_id, text, value in zip(("c", "p"), ("The conclusion.", "The premise."), values, strict=True)
    )
    support = Relation(default_relation_id(RelationType.SUPPORT, "p", "c"), "p", "c", RelationType.SUPPORT)
    return ArgumentMap(
        claims,
        (support,),
        sources={"s": Source("s", title="S")},
        sides={"pro": Side("pro"), "con": Side("con")},
    )


def value_of(field: ClaimField, claim: Claim) -> Any:
    """The field's content: for sources without where they were written."""
    if field.kind is FieldKind.SOURCES:
        return [ref[:3] for ref in claim.all_sources()]
    return getattr(claim, field.attr)


def as_text(value: Any) -> list[str]:
    if isinstance(value, SourceRef):
        return [part for part in value[:3] if part is not None]
    if isinstance(value, tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return [str(value).lower()]
    return [str(value)]


@pytest.mark.parametrize("field", OPTIONAL_CLAIM_FIELDS, ids=lambda f: f.key)
@pytest.mark.parametrize("fmt", [f for f in registry.FORMATS if f.writes], ids=lambda f: f.name)
def test_each_optional_field_is_carried_or_reported(fmt: registry.Format, field: ClaimField) -> None:
    amap = map_with(field)
    written = fmt.write(amap)
    if field.loss in {loss.kind for loss in written.losses}:
        return
    wanted = [value_of(field, c) for c in amap.claims]
    if fmt.reads:
        back = fmt.read(written.text, f"m{fmt.suffixes[0]}").map
        found = [value_of(field, c) for c in back.claims]
        assert found == wanted, f"{fmt.name} neither carries {field.key!r} nor reports a {field.loss!r} loss"
    else:
        missing = [v for value in SAMPLES[field.kind] for v in as_text(value) if v not in written.text]
        assert missing == [], f"{fmt.name} neither writes {field.key!r} nor reports a {field.loss!r} loss"


@pytest.mark.parametrize("fmt", [f for f in registry.FORMATS if f.writes], ids=lambda f: f.name)
def test_relation_weights_are_carried_or_reported(fmt: registry.Format) -> None:
    """A relation's weight (impact) reaches the file, or a 'relation-weight' loss says it did not."""
    amap = map_with(next(f for f in CLAIM_FIELDS if f.key == "text"))
    amap = ArgumentMap(amap.claims, (amap.relations[0]._replace(weight=0.3125),), sources=amap.sources)
    written = fmt.write(amap)
    lost = {loss.kind: loss.times for loss in written.losses}
    if "relation-weight" in lost:
        assert lost["relation-weight"] == 1
        return
    if fmt.reads:
        back = fmt.read(written.text, f"m{fmt.suffixes[0]}").map
        assert [r.weight for r in back.relations] == [0.3125], f"{fmt.name} drops relation weights silently"
    else:
        assert "0.3125" in written.text, f"{fmt.name} neither writes relation weights nor reports a loss"
