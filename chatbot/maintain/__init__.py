"""Maintainer tools, apart from the message path: train, parse, validate, eval.

`python -m chatbot …` runs `chatbot.maintain.cli`. Nothing a teen's message
passes through lives here.
"""
