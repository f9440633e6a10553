"""YAML text -> nodes that know where they were written, and plain data back to
YAML. The only package that imports PyYAML; readers of map formats walk its
nodes. Positions always come from PyYAML's marks (line + 1, column + 1)."""
