"""The anonymous session log: what a turn records, what never is, and failures."""

import logging
import re
import stat
from pathlib import Path

import pytest
import sqlite_utils

from web import create_app
from web.db import create_database
from web.errors import StartupError
from web.log import log_turn, site_of
from web.schema import COLUMNS

MINUTE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")


def post(client, session, message, origin=None, **extra):
    headers = {"Origin": origin} if origin else {}
    return client.post(
        "/api/chat",
        json={"session": session, "message": message, **extra},
        headers=headers,
    )


def make_app(model_path, tmp_path, **config):
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            **config,
        }
    )


def turns_of(app, session_id):
    db = sqlite_utils.Database(app.config["DATABASE"])
    return list(db["turns"].rows_where("session_id = ?", [session_id], order_by="id"))


def test_a_turn_records_what_was_answered_and_nothing_about_who(
    app, client, session_id
):
    post(client, session_id, "딥페이크가 뭐야?", origin="https://www.Hanbit-hs.kr:8443")
    post(client, session_id, "I want to die", origin="https://www.hanbit-hs.kr")
    db = sqlite_utils.Database(app.config["DATABASE"])
    session = db["sessions"].get(session_id)
    assert session["turns"] == 2 and session["lang"] == "en"
    assert session["site"] == "www.hanbit-hs.kr"
    assert MINUTE.match(session["started_at"]) and MINUTE.match(session["last_seen_at"])
    first, second = turns_of(app, session_id)
    assert first["intent"] == first["response"] == first["top_intent"]
    assert first["intent"] == "what_is_deepfake"
    # A clear question leaves little for the runner-up (it may round to 0.0).
    assert first["top_confidence"] > 0.5 > first["second_confidence"] >= 0
    assert first["second_intent"] not in (None, first["top_intent"])
    assert (second["response"], second["crisis"]) == ("crisis", 1)
    assert all(MINUTE.match(t["at"]) for t in (first, second))
    assert all(
        t["site"] == "www.hanbit-hs.kr" and t["text"] is None for t in (first, second)
    )
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("response", ["fallback", "clarify"])
def test_fallback_and_clarify_turns_are_marked_and_count_as_unanswered(
    model_path, tmp_path, session_id, response
):
    from chatbot import Reply

    app = make_app(model_path, tmp_path, LOG_TEXT="unanswered")
    reply = Reply(
        messages=[],
        intent="nlu_fallback",
        confidence=0.91,
        lang="en",
        region="INTL",
        crisis=False,
        entities={},
        response=response,
        offered=("report_platform", "takedown_services"),
        guesses=(("report_platform", 0.41), ("takedown_services", 0.38)),
    )
    with app.test_request_context():
        log_turn(session_id, reply, "how do i get it off", "https://school.example.kr")
    turn = turns_of(app, session_id)[0]
    assert (turn["response"], turn["intent"], turn["text"]) == (
        response,
        "nlu_fallback",
        "how do i get it off",
    )
    assert (turn["top_intent"], turn["second_confidence"]) == ("report_platform", 0.38)


@pytest.mark.parametrize(
    ("origin", "site"),
    [
        ("https://school.example.kr", "school.example.kr"),
        ("http://School.Example.KR:8080", "school.example.kr"),
        ("https://school.example.kr/path?q=secret", "school.example.kr"),
        ("null", None),
        (None, None),
        ("http://192.168.0.12", None),
        ("http://[::1]:8000", None),
        ("https://bad host.kr", None),
        ("javascript:alert(1)", None),
    ],
    ids=[
        "host",
        "case-and-port",
        "no-path",
        "null",
        "none",
        "ipv4",
        "ipv6",
        "space",
        "js",
    ],
)
def test_site_is_a_host_name_only(origin, site):
    assert site_of(origin) == site


def reply(response, confidence, crisis=False):
    from chatbot import Reply

    return Reply(
        messages=[],
        intent="nlu_fallback" if response == "fallback" else response,
        confidence=confidence,
        lang="en",
        region="INTL",
        crisis=crisis,
        entities={},
        response=response,
        guesses=(("report_platform", confidence),),
    )


TURNS = {
    "sure": reply("what_is_deepfake", 0.95),
    "unsure": reply("what_is_deepfake", 0.45),
    "fallback": reply("fallback", 0.2),
    "crisis": reply("crisis", 0.4, crisis=True),
}


@pytest.mark.parametrize(
    ("policy", "kept"),
    [
        ("none", []),
        ("unanswered", ["unsure", "fallback"]),
        ("all", ["sure", "unsure", "fallback", "crisis"]),
    ],
    ids=["none", "unanswered", "all"],
)
def test_log_text_keeps_only_what_the_policy_says(
    model_path, tmp_path, session_id, policy, kept
):
    app = make_app(model_path, tmp_path, LOG_TEXT=policy)
    with app.test_request_context():
        for name, turn in TURNS.items():
            log_turn(session_id, turn, f"{name} mina@example.com", None)
    texts = [t["text"] for t in turns_of(app, session_id)]
    assert [t for t in texts if t is not None] == [f"{k} <email>" for k in kept]


def test_text_is_scrubbed_before_it_is_written(model_path, tmp_path, session_id):
    app = make_app(model_path, tmp_path, LOG_TEXT="all")
    post(app.test_client(), session_id, "my insta is @mina_01 call 010-1234-5678 help")
    stored = turns_of(app, session_id)[0]["text"]
    assert "mina_01" not in stored and "1234" not in stored


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ({"LOG_TEXT": "everything"}, "NURI_LOG_TEXT"),
        ({"RETENTION_DAYS": 0}, "NURI_RETENTION_DAYS"),
        ({"RETENTION_DAYS": "thirty"}, "NURI_RETENTION_DAYS"),
        ({"LOG_MESSAGES": True}, "NURI_LOG_TEXT"),
    ],
    ids=["text-policy", "zero-days", "days-not-a-number", "old-setting"],
)
def test_bad_log_settings_stop_start_up_with_one_clear_sentence(
    model_path, tmp_path, config, says
):
    with pytest.raises(StartupError, match=says):
        make_app(model_path, tmp_path, **config)


def test_log_has_no_column_for_ip_or_user_agent(app, client, session_id):
    post(client, session_id, "hi", origin="https://school.example.kr")
    db = sqlite_utils.Database(app.config["DATABASE"])
    columns = {c.name for t in db.tables for c in t.columns}
    assert not columns & {"ip", "remote_addr", "user_agent", "cookie", "device"}
    dump = "\n".join(db.iterdump())
    assert "127.0.0.1" not in dump and "werkzeug" not in dump.lower()


def break_by(kind, path: Path, db):
    """Make the log unwritable in one of the ways a server meets."""
    if kind == "read-only":
        # File modes stop everyone but root; a write version above 2 in the
        # header makes SQLite itself refuse writes, for root too.
        for file in path.parent.glob(path.name + "*"):
            file.chmod(stat.S_IRUSR)
        with path.open("r+b") as raw:
            raw.seek(18)
            raw.write(bytes([3]))
    elif kind == "missing":
        for file in path.parent.glob(path.name + "*"):
            file.unlink()
    elif kind == "locked":
        db.conn.execute("begin exclusive")
    else:  # a trigger that refuses every insert, like a full disk
        db.execute(
            "create trigger refuse before insert on turns "
            "begin select raise(abort, 'disk full'); end"
        )
        db.conn.commit()


@pytest.mark.parametrize("kind", ["read-only", "missing", "locked", "refusing"])
def test_a_broken_log_never_breaks_a_reply_and_warns_once(
    app, client, session_id, caplog, kind
):
    post(client, session_id, "hello")
    path = Path(app.config["DATABASE"])
    db = sqlite_utils.Database(path)
    before = list(db["turns"].rows)
    break_by(kind, path, db)
    try:
        with caplog.at_level(logging.WARNING):
            for message in ("딥페이크가 뭐야?", "I want to die", "thanks"):
                response = post(client, session_id, message)
                assert response.status_code == 200 and response.get_json()["messages"]
    finally:
        if kind == "locked":
            db.conn.rollback()
        for file in path.parent.glob(path.name + "*"):
            file.chmod(stat.S_IRUSR | stat.S_IWUSR)
        if kind == "read-only":
            with path.open("r+b") as raw:
                raw.seek(18)
                raw.write(bytes([2]))
    warnings = [r for r in caplog.records if "Cannot write the log" in r.getMessage()]
    assert len(warnings) == 1
    assert "딥페이크" not in caplog.text and "die" not in caplog.text
    if kind != "missing":
        assert list(sqlite_utils.Database(path)["turns"].rows) == before


def test_the_log_works_again_after_a_failure_and_says_so(
    app, client, session_id, caplog
):
    post(client, session_id, "hello")
    db = sqlite_utils.Database(app.config["DATABASE"])
    db.conn.execute("begin exclusive")
    with caplog.at_level(logging.WARNING):
        post(client, session_id, "hello again")
        db.conn.rollback()
        post(client, session_id, "딥페이크가 뭐야?")
    assert "writable again" in caplog.text
    assert [t["response"] for t in turns_of(app, session_id)] != []
    assert db["sessions"].get(session_id)["turns"] == 2


def readme_privacy_table() -> dict[str, dict[str, str]]:
    """The tables, columns and meanings README.md → Privacy promises."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    privacy = readme.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, dict[str, str]] = {}
    for table, column, meaning in re.findall(
        r"^\| `(\w+)` \| `(\w+)` \| (.+) \|$", privacy, re.M
    ):
        tables.setdefault(table, {})[column] = meaning
    return tables


def test_the_log_schema_is_exactly_the_readme_privacy_table(tmp_path):
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    actual = {
        table.name: sorted(column.name for column in table.columns)
        for table in db.tables
    }
    assert actual == {t: sorted(c) for t, c in COLUMNS.items()}
    assert readme_privacy_table() == COLUMNS


# How the chat's privacy answer names each kind the scrubber removes, in English
# and Korean. A new scrubbing rule fails this test until the answer says so.
SAID = {
    "links": ("links", "링크"),
    "e-mail addresses": ("e-mail addresses", "이메일"),
    "@usernames": ("@usernames", "@아이디"),
    "resident registration numbers": ("ID numbers", "주민번호"),
    "card numbers": ("card", "카드"),
    "phone and other long numbers": ("phone", "전화"),
    "introduced names": ("a name you introduce", "소개한 이름"),
    "school names": ("school names", "학교 이름"),
}


def test_the_privacy_answer_says_exactly_what_is_and_is_not_removed():
    import yaml

    from chatbot import TRAINING_DATA
    from web.scrub import REMOVED

    responses = yaml.safe_load(
        (TRAINING_DATA / "responses" / "conversation.yml").read_text(encoding="utf-8")
    )["responses"]["chat_privacy"][0]
    english, korean = responses["en"][0], responses["ko"][0]
    assert set(SAID) == set(REMOVED)
    for en, ko in SAID.values():
        assert en in english and ko in korean, (en, ko)
    assert "might stay" in english and "남을 수" in korean
    assert "aren't saved" in english and "저장하지 않아요" in korean
