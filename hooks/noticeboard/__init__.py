"""noticeboard: check and publish a township's public notices (党务公开) as a static site.

Data flows one way, and the package is laid out along it:

- shared vocabulary, at the top: `model` (Registry, Notice and friends as plain values),
  `today` (which day it is for the board), `problems` (path:line problems), `urls` (the only
  place a repository path or a site URL is built), `i18n` (messages in Chinese or English);
- `load/`: text to a `Board`, with every problem at its `path:line` (`source`/`yamldoc` read
  YAML, `registry*` the registry, `fields`/`field_types` the front matter, `notice_rules` check,
  `notice_resolve` resolve, `notice_file` assemble one notice, `cross_rules` check across
  notices, `board` puts it together; `reporter.Reporter` is the one problem collector);
- `publish/`: a Board to what residents see, pure (`lifecycle` states and labels, `listings`,
  `views`/`pages` for templates, `body` for Markdown to sanitised HTML to plain text, `text`
  for Chinese dates and periods, `feeds`, `search_records`/`search_index`, `script_data` for the
  browser's scripts, `codeowners_file`);
- `cli/`: `main` and one thin module per command (`check`, `new`, `schema`, `codeowners`);
- `mkdocs_adapter`: the only module that knows MkDocs/Material.
"""

__version__ = "0.1.0"
