from chatbot.maintain.cli import cli

cli(prog_name="python -m chatbot")
