"""Markdown to HTML that is safe to put in a page: rendered with markdown-it, then sanitised with nh3."""

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore


def _column_header_scope(state: StateCore) -> None:
    """Table headers say what they head, for screen readers."""
    for token in state.tokens:
        if token.type == "th_open":
            token.attrSet("scope", "col")


# "js-default": CommonMark plus tables and strikethrough, raw HTML disabled.
_RENDERER = MarkdownIt("js-default")
_RENDERER.core.ruler.push("column_header_scope", _column_header_scope)


def render_markdown(text: str) -> str:
    """Sanitised HTML for `text`: no scripts, event handlers, inline styles or javascript: links survive."""
    return nh3.clean(_RENDERER.render(text))
