"""Nuri's one interface to the web: understand → decide → respond."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from chatbot.content import Content, Message, domain_intents, load_content
from chatbot.decide import (
    CLARIFY,
    CRISIS,
    FALLBACK,
    NOT_TOPICS,
    OFF_TOPIC,
    WELCOME,
    conditions_for,
    decide,
)
from chatbot.figures import Figures, load_figures
from chatbot.language import LANGUAGES, REGIONS, default_region, detect_lang
from chatbot.remote import RemoteUnderstander
from chatbot.respond import compose
from chatbot.safety import Lexicon, load_lexicons, read_crisis_words
from chatbot.understand import (
    FALLBACK_INTENT,
    Understander,
    Understanding,
    load_understander,
)


@dataclass(frozen=True)
class Context:
    """What the page tells us: its language and the school's region (both optional)."""

    lang: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Reply:
    """Everything the web layer shows and logs for one message."""

    messages: list[Message]
    intent: str
    confidence: float
    lang: str
    region: str
    crisis: bool
    entities: dict[str, str]
    # What Nuri answered: an intent, "crisis", "fallback" or "clarify".
    response: str = ""
    # The topics a clarifying question offered, likeliest first.
    offered: tuple[str, ...] = ()
    # The model's two likeliest topics and confidences, for the log only.
    guesses: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict:
        """Serialise for the API: tuples become lists; the log's guesses stay out."""
        data = asdict(self)
        del data["guesses"]
        return data


class Bot:
    """A loaded model plus the content it answers with."""

    def __init__(
        self,
        understander: Understander | RemoteUnderstander,
        content: Content,
        lexicons: tuple[Lexicon, ...],
        intents: frozenset[str],
        figures: Figures | None = None,
    ) -> None:
        self.understander = understander
        self.content = content
        self.lexicons = lexicons
        self.figures = figures or Figures()
        # Only domain intents with a response are answered; anything else (say a
        # typed "/welcome" payload) falls back rather than fails.
        self.answerable = frozenset(content.responses) & intents

    @property
    def model_name(self) -> str:
        """The file name of the model this bot answers with."""
        return self.understander.model_path.name

    def reply(self, text: str, context: Context = Context()) -> Reply:
        """Answer one message.

        Text with nothing but white space and control characters (U+001F…) has
        no word for the model to read; it gets the fallback, not a parse.
        """
        if not text.strip():
            return self.respond(text, Understanding(FALLBACK_INTENT, 0.0), context)
        understanding = self.understander.parse(text)
        reply = self.respond(text, understanding, context)
        if (
            reply.response in _READ_AGAIN
            # An empty ranking is a model that could not be reached: no retry.
            and understanding.ranking
            and dict(understanding.ranking).get(OFF_TOPIC, 0.0) < _SURELY_OFF_TOPIC
            and (rest := self.figures.without(text))
        ):
            # "My dad is going to murder me. Can I get in trouble for having
            # it?": the figure of speech pulled the question towards everyday
            # chatter (chatbot/figures.py). Crisis words are still read on the
            # whole text; the entities (a parent's "my daughter") come from it too.
            again = replace(
                self.understander.parse(rest), entities=understanding.entities
            )
            second = self.respond(text, again, context)
            if second.crisis or second.response not in _NOT_AN_ANSWER:
                return second
        return reply

    def respond(
        self, text: str, understanding: Understanding, context: Context
    ) -> Reply:
        """Decide and build the reply for a message the model has understood."""
        lang = detect_lang(text, context.lang)
        region = _region(context.region, lang)
        by_lexicon, hyperbole = read_crisis_words(text, self.lexicons)
        decision = decide(
            understanding,
            crisis_words=by_lexicon,
            hyperbole=hyperbole,
            known=self.answerable,
        )
        key = decision.response
        return Reply(
            messages=compose(
                self.content, decision, lang, conditions_for(understanding, region)
            ),
            intent=FALLBACK_INTENT if key in (FALLBACK, CLARIFY) else key,
            confidence=1.0 if by_lexicon else understanding.confidence,
            lang=lang,
            region=region,
            crisis=key == CRISIS,
            entities={e.entity: e.value for e in understanding.entities},
            response=key,
            offered=decision.offered,
            guesses=understanding.ranking[:2],
        )

    def welcome(self, context: Context = Context()) -> Reply:
        """The first bubbles a teen sees when the chat opens."""
        lang = context.lang if context.lang in LANGUAGES else LANGUAGES[0]
        region = _region(context.region, lang)
        return Reply(
            messages=self.content.render(WELCOME, lang, {"region": region}),
            intent=WELCOME,
            confidence=1.0,
            lang=lang,
            region=region,
            crisis=False,
            entities={},
            response=WELCOME,
        )


# Answers that give no topic: a message that got one of them is worth a second
# reading without its figures of speech. A question back ("do you mean …?") is
# not: it already offers topics, and one guess from a shorter text is no better.
_READ_AGAIN = frozenset({OFF_TOPIC, FALLBACK})
# …unless the model is this sure it is everyday chatter: on the development set
# and a held-out list (docs/nlu.md, 12-03f) such messages lost their redirect
# when read again, while every message rightly answered by the second reading
# had a lower off-topic share.
_SURELY_OFF_TOPIC = 0.55
# What the second reading must not settle for (a crisis reply it does give).
_NOT_AN_ANSWER = NOT_TOPICS | {FALLBACK, CLARIFY}


def _region(requested: str | None, lang: str) -> str:
    requested = (requested or "").upper()
    return requested if requested in REGIONS else default_region(lang)


def load_bot(
    model_path: Path | None, training_data: Path, nlu_url: str | None = None
) -> Bot:
    """Load responses, crisis lexicons and the model (once per process).

    With nlu_url, a Rasa server on the same model parses instead of this process.
    """
    if nlu_url:
        understander = RemoteUnderstander(nlu_url)
    else:
        understander = load_understander(model_path)
    return Bot(
        understander=understander,
        content=load_content(training_data),
        lexicons=load_lexicons(training_data / "safety"),
        intents=domain_intents(training_data),
        figures=load_figures(training_data / "figures_of_speech.yml"),
    )
