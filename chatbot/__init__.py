"""Nuri's conversation engine: understand a message, decide, respond.

The web layer uses only `load_bot`, `Bot.reply`, `Bot.welcome`, `Context` and `Reply`.
This package never imports Flask.
"""

from chatbot.bot import Bot, Context, Reply, load_bot

__all__ = ["Bot", "Context", "Reply", "load_bot"]
