"""`argmap show`: a map in the terminal, as a tree."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.choices import OutputFormat
from argmap.cli.completion import claim_ids
from argmap.cli.console import open_map, plain_stdout, stdout_console
from argmap.cli.streams import FromFormat
from argmap.cli.terminal import unfiltered
from argmap.errors import UsageError
from argmap.model import Semantics


def show(
    file: Annotated[
        Path, typer.Argument(help="The map, in any format argmap reads (argmap formats); - for stdin.")
    ],
    root: Annotated[
        str | None,
        typer.Option(help="Show only this claim and what hangs under it.", autocompletion=claim_ids),
    ] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the top claims to show.")] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    evaluation: Annotated[
        Semantics | None,
        typer.Option(
            "--eval",
            help="Mark each claim in, out or undec under this semantics (a gradual one: its strength).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: a tree; json: the graph form.")
    ] = OutputFormat.TEXT,
    from_format: FromFormat = None,
) -> None:
    """List a map in the terminal as a tree.

    + supports, - attacks, ~ undercuts, & linked premises.
    """
    from argmap.analysis.focus import view

    if evaluation is not None and output_format is OutputFormat.JSON:
        # The graph form has no statuses; evaluate's JSON has them.
        raise UsageError("--eval marks the text tree; for statuses as JSON run: argmap evaluate -f json")
    whole = open_map(file, from_format).map
    status: dict[str, str] = {}
    if evaluation is not None:
        from argmap.render.evaluation import claim_marks

        # Evaluated on the whole map: a focused view must not change a claim's status.
        status = claim_marks(whole, evaluation)
    shown = view(whole, root, depth, side)
    amap = shown.map
    if output_format is OutputFormat.JSON:
        from argmap.formats.native.graph import write_graph

        # The graph form (the json renderer's), written a chunk at a time.
        write_graph(amap, sys.stdout.write)
        return
    from argmap.render import RenderOptions
    from argmap.render.tree import build_tree

    more = {stub.claim: stub.hidden for stub in shown.stubs}
    tree = build_tree(amap, RenderOptions(root=root, status=status), more)
    plain = plain_stdout()
    if plain is not None:
        from argmap.render.tree import write_tree_text

        write_tree_text(tree, plain.width, unfiltered(sys.stdout).write, ascii_only=plain.ascii_only)
        return
    from argmap.render.tree_lines import TreeLines

    # Lines no wider than the console already (TreeLines wraps them): no crop pass.
    stdout_console().print(TreeLines(tree), crop=False)
