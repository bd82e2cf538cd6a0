"""The `noticeboard` command line: `main` parses arguments; one module per subcommand, each a thin
shell over `load` and `publish` that exposes `register(subparsers)`."""
