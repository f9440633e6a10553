"""argmap: argument maps as plain YAML files."""

__version__ = "0.1.0"
