"""A map as lines of text, one per claim, for tools that compare lines.

git's `textconv` filter (set up by `argmap git-setup`) turns each version
of a map into this form before `git log -p` and `git show` compare them, so
their line diffs read as argument changes: a reworded claim is one line
changed, a moved claim one line whose `supports ...` part changed, and
moving a subtree around in the YAML changes nothing.

Claims are sorted by id (digits compared as numbers), not in document
order, for the same reason. Each line is

    claim <id> [<side>] <supports|attacks|undercuts> <target>, ...: <text>

followed by an indented line for each other field it has (argmap.model.CLAIM_FIELDS:
label, each source, tags, weight, note, step), then one for each of its
relations that names an argument scheme or a critical question
(`  supports c: scheme expert-opinion; answered CQ1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.formats.native.graph import inference_dict
from argmap.model import OPTIONAL_CLAIM_FIELDS, ArgumentMap, Claim, ClaimField, FieldKind, Relation, SourceRef
from argmap.render.options import RenderOptions

_DIGITS = re.compile(r"(\d+)")
_VERBS = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """`c2` before `c10`."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text))


class LinesRenderer:
    """`argmap git-textconv`'s form: the options do not change it."""

    name = "lines"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return map_lines(amap)


def map_lines(amap: ArgumentMap) -> str:
    lines: list[str] = []
    if amap.title is not None:
        lines.append(f"title: {_one_line(amap.title)}")
    if amap.description is not None:
        lines.append(f"description: {_one_line(amap.description)}")
    for side in amap.sides.values():
        colour = f" ({side.colour})" if side.colour else ""
        lines.append(f"side {side.id}: {_one_line(side.name or side.id)}{colour}")
    for source in amap.sources.values():
        parts = (source.title, source.author, source.file, source.url)
        lines.append(f"source {source.id}: " + "; ".join(_one_line(p) for p in parts if p))
    for scheme in amap.schemes.values():
        lines.append(f"scheme {scheme.id}: {_one_line(scheme.name)}")
        lines.extend(f"  premise: {_one_line(p)}" for p in scheme.premises)
        if scheme.conclusion is not None:
            lines.append(f"  conclusion: {_one_line(scheme.conclusion)}")
        lines.extend(f"  {q.id}: {_one_line(q.text)}" for q in scheme.questions)
    outgoing: dict[str, list[Relation]] = {}
    for relation in amap.relation_index().values():
        outgoing.setdefault(relation.source, []).append(relation)
    members: dict[tuple[str, str], list[str]] = {}
    for relation in amap.relations:
        if relation.group is not None:
            members.setdefault((relation.target, relation.group), []).append(relation.source)
    for claim in sorted(amap.claim_index().values(), key=lambda c: natural_key(c.id)):
        lines.extend(_claim_lines(claim, outgoing.get(claim.id, []), members))
    for expectation in amap.expect:
        lines.append(f"expect {expectation.semantics} {expectation.status}: {expectation.claim}")
    return "".join(line + "\n" for line in lines)


def _claim_lines(
    claim: Claim, relations: Iterable[Relation], members: dict[tuple[str, str], list[str]]
) -> list[str]:
    places = []
    schemes = []
    for relation in sorted(relations, key=lambda r: (natural_key(r.target), r.type.value)):
        said = inference_dict(relation)
        if said:  # what the relation says of its argument scheme, on a line of its own
            words = "; ".join(f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in said.items())
            schemes.append(f"  {_VERBS[relation.type.value]} {relation.target}: {_one_line(words)}")
        place = f"{_VERBS[relation.type.value]} {relation.target}"
        others = [m for m in members.get((relation.target, relation.group or ""), []) if m != claim.id]
        if relation.group is not None and others:
            place += f" (linked with {', '.join(others)})"
        places.append(place)
    side = f" [{claim.by}]" if claim.by else ""
    where = f" {', '.join(places)}" if places else ""
    lines = [f"claim {claim.id}{side}{where}: {_one_line(claim.text)}"]
    for field in _INDENTED:
        lines.extend(f"  {field.key}: {value}" for value in _shown(field, claim))
    return lines + schemes


# The fields on lines of their own under the claim's line (its id, text and
# side are on that line).
_INDENTED = tuple(f for f in OPTIONAL_CLAIM_FIELDS if f.kind is not FieldKind.SIDE)


def _shown(field: ClaimField, claim: Claim) -> list[str]:
    """A field's value as the text of its lines: one a source, none when unset."""
    value = getattr(claim, field.attr)
    if field.kind is FieldKind.SOURCES:
        return [_source(ref) for ref in claim.all_sources()]
    if value is None or value == ():
        return []
    if field.kind is FieldKind.TAGS:
        return [", ".join(value)]
    if field.kind is FieldKind.NUMBER:
        return [f"{value:g}"]
    return [_one_line(str(value))]


def _source(ref: SourceRef) -> str:
    words = [ref.ref or "(no ref)"]
    if ref.quote is not None:
        words.append(f'"{_one_line(ref.quote)}"')
    if ref.loc is not None:
        words.append(_one_line(ref.loc))
    return " ".join(words)
