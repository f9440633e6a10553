"""Plain data in and out of YAML: the YAML writer, and the reader of YAML
snippets other formats embed (Argdown's front matter and data)."""

from __future__ import annotations

from typing import Any

import yaml

from argmap.yaml.compose import BaseLoader


def dump_yaml(data: object) -> str:
    """YAML text for plain data, keys in the given order, Unicode kept."""
    text: str = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


class YamlDataError(Exception):
    """Bad YAML in a snippet another format embeds; `line` and `column` are
    0-based within the snippet."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


def parse_yaml_data(text: str) -> Any:
    """Plain data from a YAML snippet that another format embeds (Argdown's
    front matter and `{...}` data), with the safe loader. A key twice in one
    mapping is an error, as it is for JavaScript's YAML readers."""
    loader = BaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_duplicate_keys(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line, mark.column) if mark is not None else (0, 0)
        raise YamlDataError(exc.problem or str(exc), line, column) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlDataError(str(exc).splitlines()[0] if str(exc) else "unreadable YAML", 0, 0) from None
    finally:
        loader.dispose()


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    """Raise YamlDataError at a key given twice in one mapping, or at an alias."""
    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            # An alias: constructing would copy what it names wherever it is
            # used, so a few lines could grow to gigabytes (billion laughs).
            mark = node.start_mark
            raise YamlDataError("YAML aliases (*name) are not supported here", mark.line, mark.column)
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        mark = key.start_mark
                        raise YamlDataError(f"duplicate key {key.value!r}", mark.line, mark.column)
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
