"""Custom questions in storage: suggestions, review, packs."""

from __future__ import annotations

import pytest
from helpers import GUILD_A, GUILD_B, MEMBER, MOD, OTHER, Clock, pack_question

from bot.storage import (
    CustomQuestionStore,
    Database,
    GuildSettingsStore,
    PackLimitError,
    UnknownQuestionError,
)
from bot.trivia.packs import parse_pack
from bot.trivia.questions import TRUE_FALSE
from bot.trivia.suggestions import SuggestionRefused


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


async def suggest(
    store: CustomQuestionStore,
    prompt: str,
    *,
    guild_id: int = GUILD_A,
    author: int = MEMBER,
    answer: str = "Hidenori Yamashita",
    wrong: tuple[str, ...] = ("Toshikazu Kayano", "Kiko", "Nigo"),
    known_prompts: tuple[str, ...] = (),
) -> int:
    return await store.suggest(
        guild_id, author, prompt, answer, wrong, "GQ Japan", "designers", known_prompts=known_prompts
    )


async def test_suggestion_is_pending_until_approved(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    (pending,) = await questions.pending(GUILD_A)
    assert (pending.id, pending.status, pending.origin, pending.author_id) == (qid, "pending", "suggestion", MEMBER)
    assert pending.distractors == ("Toshikazu Kayano", "Kiko", "Nigo") and pending.category == "designers"
    assert await questions.approved(GUILD_A) == []
    reviewed = await questions.review(GUILD_A, qid, MOD, "approved")
    assert (reviewed.status, reviewed.reviewed_by) == ("approved", MOD) and reviewed.reviewed_at is not None
    assert [q.id for q in await questions.approved(GUILD_A)] == [qid]
    assert await questions.pending(GUILD_A) == []


async def test_review_can_edit_then_approve_or_reject(questions: CustomQuestionStore) -> None:
    first = await suggest(questions, "Who designed the K14?")
    second = await suggest(questions, "Who designed the Vomero 5?", answer="Unknown designer", wrong=("X", "Y", "Z"))
    edited = await questions.review(
        GUILD_A,
        first,
        MOD,
        "approved",
        edits={
            "prompt": "Who designed the GEL-KAYANO 14?",
            "distractors": ["Toshikazu Kayano", "Kiko", "Salehe"],
            "difficulty": "hard",
            "explanation": "Yamashita took over from Kayano.",
        },
    )
    assert edited.prompt == "Who designed the GEL-KAYANO 14?" and edited.distractors[2] == "Salehe"
    assert (edited.difficulty, edited.explanation, edited.status) == (
        "hard",
        "Yamashita took over from Kayano.",
        "approved",
    )
    rejected = await questions.review(GUILD_A, second, MOD, "rejected")
    assert rejected.status == "rejected"
    assert [q.id for q in await questions.approved(GUILD_A)] == [first]
    with pytest.raises(SuggestionRefused, match="also among the wrong answers"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"answer": "Kiko"})
    with pytest.raises(SuggestionRefused, match="cannot be edited"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"author_id": 9})
    with pytest.raises(SuggestionRefused, match="already asks that"):
        await questions.review(GUILD_A, second, MOD, "approved", edits={"prompt": "who designed the gel kayano 14"})
    with pytest.raises(SuggestionRefused, match="category must be one of"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"category": "music"})
    with pytest.raises(ValueError, match="status"):
        await questions.review(GUILD_A, first, MOD, "maybe")
    assert (await questions.get(GUILD_A, first)) == edited  # refused edits changed nothing


@pytest.mark.parametrize(
    ("answer", "wrong", "message"),
    [
        ("Nigo", ("Nigo", "Kiko", "Kayano"), "also among the wrong answers"),
        ("nigo!", ("NIGO", "Kiko", "Kayano"), "also among the wrong answers"),  # compared normalised
        ("Yamashita", ("Kiko", "Kayano"), "exactly three different"),
        ("Yamashita", ("Kiko", "kiko", "Kayano"), "exactly three different"),
        ("Yamashita", ("Kiko", "Kayano", "Nigo", "Salehe"), "exactly three different"),
        ("  ", ("Kiko", "Kayano", "Nigo"), "answer is empty"),
        ("x" * 81, ("Kiko", "Kayano", "Nigo"), "at most 80"),
    ],
)
async def test_bad_suggestions_are_refused(
    questions: CustomQuestionStore, answer: str, wrong: tuple[str, ...], message: str
) -> None:
    with pytest.raises(SuggestionRefused, match=message):
        await suggest(questions, "Who designed it?", answer=answer, wrong=wrong)
    assert await questions.pending(GUILD_A) == []


async def test_suggestion_limit_per_member(questions: CustomQuestionStore) -> None:
    for n in range(CustomQuestionStore.MAX_PENDING_PER_MEMBER):
        await suggest(questions, f"Question {n}?")
    with pytest.raises(SuggestionRefused, match="waiting for review"):
        await suggest(questions, "One too many?")
    await suggest(questions, "Someone else's?", author=OTHER)  # the limit is per member
    await suggest(questions, "In another server?", guild_id=GUILD_B)  # and per server
    first = (await questions.pending(GUILD_A))[0]
    await questions.review(GUILD_A, first.id, MOD, "rejected")
    await suggest(questions, "Room again?")  # a reviewed one frees a slot


async def test_duplicate_suggestions_are_refused(questions: CustomQuestionStore) -> None:
    await suggest(questions, "Who designed the GEL-KAYANO 14?")
    with pytest.raises(SuggestionRefused, match="already suggested here"):
        await suggest(questions, "who designed the gel kayano 14", author=OTHER)
    with pytest.raises(SuggestionRefused, match="already in the bot's question bank"):
        await suggest(questions, "When did the Vomero 5 debut?", known_prompts=("When did the VOMERO 5 debut",))
    await suggest(questions, "Who designed the GEL-KAYANO 14?", guild_id=GUILD_B)  # another server may ask it


async def test_questions_are_isolated_between_servers(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    assert await questions.pending(GUILD_B) == []
    assert await questions.get(GUILD_B, qid) is None
    with pytest.raises(UnknownQuestionError):
        await questions.review(GUILD_B, qid, MOD, "approved")
    still = await questions.get(GUILD_A, qid)
    assert still is not None and still.status == "pending"


async def test_a_suggestion_becomes_a_choice_question(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    question = (await questions.review(GUILD_A, qid, MOD, "approved")).to_trivia()
    assert question.id == f"custom:{qid}" and question.source_kind == "suggestion"
    assert sorted(question.choices) == sorted(["Hidenori Yamashita", "Toshikazu Kayano", "Kiko", "Nigo"])
    assert question.choices[question.answer_index] == "Hidenori Yamashita"
    again = await questions.get(GUILD_A, qid)
    assert again is not None and again.to_trivia().choices == question.choices  # the same order every time
    assert "Source: GQ Japan" in question.explanation and question.explanation


async def test_packs_are_added_replaced_listed_and_removed(questions: CustomQuestionStore) -> None:
    assert await questions.add_pack(GUILD_A, MOD, "Eras", [pack_question("Q1?"), pack_question("Q2?")]) == 2
    (first_q1,) = [q for q in await questions.approved(GUILD_A) if q.prompt == "Q1?"]
    added = await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?", answer="New"), pack_question("Q3?")])
    assert added == 2
    approved = {q.prompt: q for q in await questions.approved(GUILD_A)}
    assert set(approved) == {"Q1?", "Q3?"}  # replaced, not appended
    assert approved["Q1?"].id == first_q1.id and approved["Q1?"].answer == "New"  # same prompt keeps its id
    await questions.add_pack(GUILD_A, MOD, "tech", [pack_question("Q9?")])
    assert await questions.packs(GUILD_A) == [("eras", 2), ("tech", 1)]
    assert await questions.remove_pack(GUILD_A, "eras") == 2
    assert await questions.remove_pack(GUILD_A, "eras") == 0
    assert [q.prompt for q in await questions.approved(GUILD_A)] == ["Q9?"]


async def test_pack_questions_that_duplicate_others_are_left_out(questions: CustomQuestionStore) -> None:
    await suggest(questions, "Who designed the GEL-KAYANO 14?")
    await questions.add_pack(GUILD_A, MOD, "one", [pack_question("Q1?")])
    added = await questions.add_pack(
        GUILD_A,
        MOD,
        "two",
        [pack_question("who designed the gel-kayano 14"), pack_question("q1"), pack_question("Q2?")],
    )
    assert added == 1
    assert await questions.packs(GUILD_A) == [("one", 1), ("two", 1)]


async def test_an_upload_says_which_questions_it_left_out_and_why(questions: CustomQuestionStore) -> None:
    await suggest(questions, "Who designed the GEL-KAYANO 14?")
    await questions.add_pack(GUILD_A, MOD, "one", [pack_question("Q1?")])
    upload = await questions.upload_pack(
        GUILD_A,
        MOD,
        "two",
        [pack_question(prompt) for prompt in ("who designed the gel-kayano 14", "q1", "Q2?", "Q2")],
    )
    assert upload.count == 1
    assert [(item.prompt, item.reason) for item in upload.skipped] == [
        ("who designed the gel-kayano 14", "it duplicates a pending suggestion"),
        ("q1", "the “one” pack already asks it"),
        ("Q2", "the pack asks it twice"),
    ]


async def test_packs_are_isolated_between_servers(questions: CustomQuestionStore) -> None:
    await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?")])
    assert await questions.add_pack(GUILD_B, MOD, "eras", [pack_question("Q1?"), pack_question("Q2?")]) == 2
    assert await questions.remove_pack(GUILD_B, "eras") == 2
    assert await questions.packs(GUILD_A) == [("eras", 1)] and await questions.packs(GUILD_B) == []


async def test_pack_limit(questions: CustomQuestionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.storage.custom_questions.MAX_PACKS", 2)
    await questions.add_pack(GUILD_A, MOD, "one", [pack_question("Q1?")])
    await questions.add_pack(GUILD_A, MOD, "two", [pack_question("Q2?")])
    with pytest.raises(PackLimitError):
        await questions.add_pack(GUILD_A, MOD, "three", [pack_question("Q3?")])
    assert await questions.add_pack(GUILD_A, MOD, "two", [pack_question("Q4?")]) == 1  # replacing is fine


async def test_parsed_packs_become_playable_questions(questions: CustomQuestionStore) -> None:
    red = b"Who co-founded Nike with Bill Bowerman?: [Phil Knight, Knight]\nWhat year did the Air Max 1 drop?: [1987]\n"
    _kind, parsed = parse_pack(red, filename="Nike Lore.yaml")
    await questions.add_pack(GUILD_A, MOD, "nike-lore", parsed)
    ours = (
        b"questions:\n  - {prompt: The 990 is a New Balance shoe., type: truefalse, answer: 'True', difficulty: easy,"
        b" category: brands, explanation: Since 1982., source: NB}\n"
    )
    _kind, parsed = parse_pack(ours, filename="nb.yaml")
    await questions.add_pack(GUILD_A, MOD, "nb", parsed)
    by_prompt = {q.prompt: q for q in await questions.approved(GUILD_A)}
    knight = by_prompt["Who co-founded Nike with Bill Bowerman?"].to_trivia()
    assert (knight.choices, knight.answer, knight.accepted) == ((), "Phil Knight", ("Knight",))
    assert (knight.category, knight.source_kind, knight.year, knight.answer_ref) == ("nike-lore", "pack", None, None)
    assert not knight.needs_choices and "nike-lore" in knight.explanation
    truth = by_prompt["The 990 is a New Balance shoe."].to_trivia()
    assert truth.choices == TRUE_FALSE and truth.is_true_false and truth.category == "brands"
