"""The right of reply as the project page shows it: the replies (sanitised Markdown) and who may act on them."""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from registry.markdown import render_markdown
from registry.models import AssessmentReply, Project
from registry.moderation_selectors import can_moderate
from registry.reply_selectors import list_project_replies
from registry.services.right_of_reply import organisations_represented


@dataclass(frozen=True)
class ReplyView:
    reply: AssessmentReply
    html: SafeString


def reply_context(user, project: Project) -> dict:
    """`replies` to show, whether `user` may reply (a verified representative) or hide replies (a moderator)."""
    return {
        # render_markdown disables raw HTML and sanitises its output with nh3: safe to insert.
        "replies": [ReplyView(reply, mark_safe(render_markdown(reply.body)))  # noqa: S308
                    for reply in list_project_replies(project=project)],
        "can_reply": bool(organisations_represented(user=user, project=project)),
        "can_moderate": can_moderate(user),
    }
