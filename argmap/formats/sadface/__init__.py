"""SADFace, the Simple Argument Description Format (Simon Wells):

    {"edges": [{"id": "...", "source_id": "...", "target_id": "..."}],
     "metadata": {"core": {"id", "version", "created", "edited", "analyst_name",
                           "analyst_email", "title", "description", "notes"}, <namespace>: {...}},
     "nodes": [{"id": "...", "type": "atom", "text": "...", "sources": [...], "metadata": {...}},
               {"id": "...", "type": "scheme", "name": "support", "metadata": {...}}],
     "resources": [{"id": "...", "type": "text", "content": "...", "metadata": {...}}]}

Atoms are claims. A scheme node joins them as AIF's do: premises point into
it and it points at the conclusion (several premises into one scheme: a
linked argument). A scheme named support (or any argumentation scheme) is
an inference; one named conflict or attack (and newer `"type": "conflict"`
nodes) a conflict: into an atom an attack, into a scheme an undercut of it;
a disagreement (a conflict pointing at several atoms and from none) is a
mutual attack. Newer documents write `"type": "inference"` for support.

SADFace keeps tool-specific data in namespaced `metadata` blocks. The
writer keeps what SADFace has no field for under the namespace "argmap"
(each claim's graph-form fields but its text, sides, expectations,
relation ids and group names), so YAML -> SADFace -> YAML loses nothing;
the reader uses that block when it is there. The writer's ids are UUIDs
(SADFace asks for them), derived from the argmap ids, so the same map
gives the same file; `created` and `edited` are left empty, not stamped.
"""

from __future__ import annotations

from argmap.formats.sadface.read import read, sniff
from argmap.formats.sadface.write import write

__all__ = ["read", "sniff", "write"]
