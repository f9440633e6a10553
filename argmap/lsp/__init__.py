"""`argmap lsp`: a Language Server Protocol server for argmap's maps, over
pygls. An outer layer like the CLI: it turns the core's answers about a
map's text (argmap.checks.editing, completion, fixes) into the protocol's
records and keeps the open maps checked as they change."""
