"""The library: load, check, evaluate, draw, write, diff and build maps.

Everything public is re-exported by `argmap` itself (``argmap.load``,
``argmap.Map``, ...); import it from there. This package sits above
`argmap.render` in the layers because a map draws itself."""

from argmap.api.functions import diff, load, loads
from argmap.api.maps import Map
from argmap.api.results import Evaluation

__all__ = ["Evaluation", "Map", "diff", "load", "loads"]
