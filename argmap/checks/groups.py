"""Linked groups: relations sharing a `group` must be one joint reason,
that is two or more relations of one type into one target."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap, Relation


def _by_group(amap: ArgumentMap) -> dict[str, list[Relation]]:
    found: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        if relation.group is not None:
            found.setdefault(relation.group, []).append(relation)
    return found


def _by_target(members: list[Relation]) -> dict[str, list[Relation]]:
    found: dict[str, list[Relation]] = {}
    for relation in members:
        found.setdefault(relation.target, []).append(relation)
    return found


@check("group-mixed", Severity.ERROR, "a linked group mixing supports, attacks and undercuts")
def mixed_groups(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    for group, members in _by_group(amap).items():
        for into in _by_target(members).values():
            first = into[0]
            for relation in into[1:]:
                if relation.type is not first.type:
                    yield Diagnostic(
                        fallback_span(amap, relation.span),
                        Severity.ERROR,
                        "group-mixed",
                        f"linked group '{group}': '{relation.source}' {relation.type.value}s "
                        f"'{relation.target}' while '{first.source}' {first.type.value}s it; "
                        "a group's members all support, all attack or all undercut",
                    )


@check("group-targets", Severity.ERROR, "a linked group whose members go to different targets")
def split_groups(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    """One group id may name groups into several targets (the same premises
    linked for two conclusions); a member alone under its target is a
    member that strayed."""
    for group, members in _by_group(amap).items():
        into = _by_target(members)
        if len(into) < 2:
            continue
        main = max(into, key=lambda target: len(into[target]))
        for target, relations in into.items():
            if len(relations) > 1 or target == main:
                continue
            relation = relations[0]
            yield Diagnostic(
                fallback_span(amap, relation.target_span or relation.span),
                Severity.ERROR,
                "group-targets",
                f"linked group '{group}' has '{relation.source}' going to '{target}' while its "
                f"other members go to '{main}'; a group's members share one target",
            )


@check("group-single", Severity.WARNING, "a linked group with one member")
def single_groups(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    for group, members in _by_group(amap).items():
        into = _by_target(members)
        if len(into) != 1 or len(members) != 1:
            continue  # several targets: group-targets reports it
        relation = members[0]
        yield Diagnostic(
            fallback_span(amap, relation.span),
            Severity.WARNING,
            "group-single",
            f"linked group '{group}' has one member ('{relation.source}'); it is read as a plain "
            f"{relation.type.value}",
        )
