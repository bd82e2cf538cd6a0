"""Text to Board: the registry and every notice read, checked and resolved, with each problem at
its `path:line`. Nothing here writes a file or knows MkDocs."""
