"""AIF JSON, as AIFdb and OVA write it.

    {"nodes": [{"nodeID": "1", "text": "...", "type": "I", "timestamp": "..."}, ...],
     "edges": [{"edgeID": "1", "fromID": "1", "toID": "2", "formEdgeID": null}, ...],
     "locutions": [{"nodeID": "7", "personID": "1", ...}],
     "participants": [{"participantID": "1", "firstname": "Bob", "surname": "Smith"}]}

OVA3 wraps the same graph as {"AIF": {...}, "OVA": {...}, "text": ...}.

Reading: I-nodes are claims; an RA-node is an inference, its premises point
into it and it points to its conclusion (several premises into one RA is a
linked argument: an argmap `group`); a CA-node is a conflict: into a claim
an attack, into an RA (or another CA) an undercut of that inference. MA
(rephrase) and PA (preference) nodes become notes on the claims they join.
L-nodes (locutions) give the speaker of the claims their YA-nodes anchor,
from `locutions`/`participants` or from the L text ("Bob: ..." or
"Bob says '...'"), as `by` and a side. Everything else is reported.

Writing: claims are I-nodes with their ids as nodeIDs, each support (or
linked group) one RA-node, each attack one CA-node, each undercut a CA-node
aimed at the RA- or CA-node of the relation it attacks; `by` becomes an
L-node and a YA-node ("Asserting") with a locution and a participant.
"""

from __future__ import annotations

from argmap.formats.aif.read import read, sniff
from argmap.formats.aif.write import write

__all__ = ["read", "sniff", "write"]
