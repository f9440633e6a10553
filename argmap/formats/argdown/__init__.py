"""Argdown (`.argdown`, `.ad`): read the map Argdown builds, write Argdown
that Argdown builds back into the same map.

Reading. argmap builds the map exactly as Argdown 2.0 does
(`syntax` parses, `build` follows Argdown's model, selection
and map stages, front-matter settings included), then turns it into an
argmap map:

* every **map node** is a claim: statement nodes (equivalence classes, one
  per title) and argument nodes alike. The claim's id is its Argdown title
  (`Statement 1` -> `Statement-1` when the title is not an id), its text
  the node's text (the equivalence class's canonical member; the title when
  there is no text). An argument's premise-conclusion structure becomes
  the claim's `note`. Statements Argdown leaves out of its map are not
  claims: each is a warning, unless it is part of an argument's structure;
* every **map edge** is a relation: `support` and `entails` are supports,
  `attack` an attack, `contrary` and `contradictory` (symmetric) an attack
  each way. An `undercut` of node N becomes an undercut of every inference
  from N (Argdown undercuts an argument's inference, and N's edges are
  where that inference leads); when N has no edge out, it becomes an
  attack on N, with a warning;
* tags are tags; a node inside heading groups also gets one `group:<title>`
  tag per group, outermost first; a tag `by:<side>` naming a side declared
  in the front matter sets the claim's `by`;
* `{...}` data: `note`, `weight`, `source` (`{ref, quote, loc}` or a list of
  them; a plain text is a `loc`), `tags`, `label`, `step` and `implicit` are read; keys that steer Argdown's map (`isInMap`,
  `isGroup`, ...) are obeyed; any other key is a warning;
* front matter: `title` and `description` are the map's; `argmap:` holds
  `sides`, `sources` and `expect`; Argdown's own settings (`model`,
  `selection`, `map`, `group`, colours, ...) are applied or, where they
  only style a picture, ignored; other keys are warnings.

Writing. Each claim is a statement `[id]: text`, nested under the claim it
supports, attacks or undercuts where the claim order allows (so that
Argdown's map lists the claims in the same order), other relations as
references under the later of their two claims; tags as `#(tag)`, sides as
`#(by:side)` tags with Argdown tag colours, `note`/`weight`/`source`/
`label`/`step`/`implicit` as `{...}` data, and the map's title, description, sides, sources and
`expect:` in the front matter. What Argdown cannot hold is reported as
Losses.

The modules, in pipeline order: `syntax` (tokens and the syntax tree),
`lexer` and `parser` (text -> tree), `model` (Argdown's model), `build`
(tree -> model: the walk, with its listeners in `build_*`, then
`transform`), `select` and `map` (model -> map nodes, edges and groups),
`read` (map -> argmap map, with `front_matter`); `write`, `escape` and
`front_matter` for writing.
"""

from __future__ import annotations

from argmap.formats.argdown.read import NOT_READ, RECOVERED, UNDERCUT_AS_ATTACK, claim_ids, read, title_to_id
from argmap.formats.argdown.write import write

__all__ = [
    "NOT_READ",
    "RECOVERED",
    "SUFFIXES",
    "UNDERCUT_AS_ATTACK",
    "claim_ids",
    "read",
    "title_to_id",
    "write",
]

SUFFIXES = (".argdown", ".ad")
