"""One module per `noticeboard` subcommand; each exposes `register(subparsers)`."""
