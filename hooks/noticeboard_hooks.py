"""MkDocs hooks named in mkdocs.yml: hand each event to the noticeboard adapter.

MkDocs puts this folder on sys.path only while this module executes, so the package is imported
here at the top, never inside an event.
"""

from noticeboard.mkdocs_adapter import (  # noqa: F401  (MkDocs finds events by name)
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_pre_build,
    on_serve,
    on_startup,
    on_template_context,
)
