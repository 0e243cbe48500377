"""A Rasa tokenizer that splits Korean into morphemes with Kiwi (kiwipiepy).

Rasa's WhitespaceTokenizer leaves particles and endings on words (딥페이크가,
신고했어), so the same word looks different in every sentence. Kiwi splits them
(딥페이크 + 가, 신고 + 하 + 었 + 어). Each token keeps its place in the original
text, so entity positions stay right, and carries Kiwi's base form as its lemma,
which CountVectorsFeaturizer uses by default. Words without Hangul are split like
Rasa's WhitespaceTokenizer splits them: punctuation around them is dropped, so
"deepfake?" and "deepfake" are the same word.

A long message keeps only its first and last tokens (`max_tokens`). Real
messages tell a story first and ask last, so the start (who, what) and the end
(the question) carry the intent, and the middle of a long story should not
outweigh them.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_WORD = re.compile(r"\S+")
# Letters and digits, keeping inner apostrophes (i'm, don't) in the word.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class KiwiTokenizer(Tokenizer):
    """Tokenize Korean words into morphemes and everything else on whitespace."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the component's default config."""
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # 0 keeps every token; else the first quarter and the last three quarters.
            "max_tokens": 0,
            # Kiwi's dictionary of multi-word names (from Wikipedia) holds about
            # 190 MB per process. Kiwi sees one word at a time here, so entries
            # that span words can never match; a few one-word names (games,
            # bands) split differently without it. Kiwi loads it by default.
            "load_multi_dict": True,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Kiwi ships its model inside the kiwipiepy-model wheel: no download."""
        return ["kiwipiepy"]

    def __init__(self, config: dict[str, Any]) -> None:
        """Load Kiwi's model once per process."""
        super().__init__(config)
        from kiwipiepy import Kiwi

        self._kiwi = Kiwi(
            num_workers=-1, load_multi_dict=self._config["load_multi_dict"]
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KiwiTokenizer:
        """Create the component (see Rasa's GraphComponent)."""
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Split the attribute's text into tokens with positions and base forms."""
        text = message.get(attribute)
        tokens: list[Token] = []
        for word in _WORD.finditer(text):
            if not _HANGUL.search(word.group()):
                for part in _PLAIN_WORD.finditer(word.group()):
                    start = word.start() + part.start()
                    tokens.append(Token(part.group(), start, lemma=part.group()))
                continue
            for morpheme in self._kiwi.tokenize(word.group()):
                start = word.start() + morpheme.start
                end = start + morpheme.len
                if tokens and start < tokens[-1].end:
                    # Kiwi may give zero-width or overlapping morphemes (했 = 하+었):
                    # fold them into the previous token so tokens never overlap.
                    last = tokens[-1]
                    last.end = max(last.end, end)
                    last.text = text[last.start : last.end]
                    last.lemma = f"{last.lemma}{morpheme.form}"
                    continue
                if end > start:
                    tokens.append(
                        Token(text[start:end], start, end, lemma=morpheme.form)
                    )
        if not tokens:
            # Only punctuation ("???", ":)"): keep it whole, as Rasa's tokenizer does.
            tokens = [
                Token(w.group(), w.start(), lemma=w.group())
                for w in _WORD.finditer(text)
            ]
        return _head_and_tail(
            self._apply_token_pattern(tokens), self._config["max_tokens"]
        )


def _head_and_tail(tokens: list[Token], limit: int) -> list[Token]:
    """Keep a long message's first quarter and last three quarters of `limit`."""
    if not limit or len(tokens) <= limit:
        return tokens
    head = limit // 4
    return tokens[:head] + tokens[len(tokens) - (limit - head) :]
