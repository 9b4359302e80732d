"""Uploaded trivia packs: our question format, Red-DiscordBot lists, and every way a pack is refused."""

from __future__ import annotations

import textwrap

import pytest

from bot.trivia.packs import MAX_PACK_BYTES, MAX_PACK_QUESTIONS, PackError, PackProblem, pack_name, parse_pack

OURS = textwrap.dedent(
    """\
    sources:
      - id: nb-history
        title: New Balance history
        url: https://example.com/nb
        tier: official
    questions:
      - id: q-gk14-designer
        type: choice
        prompt: Who designed the GEL-KAYANO 14?
        answer: Hidenori Yamashita
        distractors: [Toshikazu Kayano, Shigeyuki Mitsui, Kiko Kostadinov]
        difficulty: medium
        category: designers
        explanation: The first Kayano not drawn by Toshikazu Kayano.
        source: GQ Japan, November 2020
      - type: truefalse
        prompt: The 990 is a New Balance shoe.
        answer: "True"
        difficulty: easy
        category: brands
        explanation: It has been made in the USA since 1982.
        sources: [nb-history]
    """
).encode()

RED = textwrap.dedent(
    """\
    AUTHOR: sneakerhead
    DESCRIPTION: Nike trivia
    CONFIG:
      bot_plays: false
    What year did the Air Max 1 come out?:
      - 1987
      - "'87"
    Who co-founded Nike with Bill Bowerman?:
      - Phil Knight
      - Knight
    """
).encode()


def problems(data: bytes) -> tuple[PackProblem, ...]:
    with pytest.raises(PackError) as caught:
        parse_pack(data, filename="pack.yaml")
    return caught.value.problems


def test_our_format_uses_the_data_schema() -> None:
    kind, questions = parse_pack(OURS, filename="eras.yaml")
    assert kind == "sole-archive"
    first, second = questions
    assert (first.answer, first.category, first.difficulty) == ("Hidenori Yamashita", "designers", "medium")
    assert first.distractors == ("Toshikazu Kayano", "Shigeyuki Mitsui", "Kiko Kostadinov")
    assert first.source == "GQ Japan, November 2020" and first.accepted == ()
    assert second.distractors == ("False",)  # true/false: the other value is the one wrong choice
    assert second.source == "New Balance history (https://example.com/nb)"


def test_red_format_questions_are_open_only() -> None:
    kind, questions = parse_pack(RED, filename="Nike Trivia.yaml")
    assert kind == "red"
    assert [q.prompt for q in questions] == [
        "What year did the Air Max 1 come out?",
        "Who co-founded Nike with Bill Bowerman?",
    ]
    air_max, founder = questions
    assert (air_max.answer, air_max.accepted, air_max.distractors) == ("1987", ("1987", "'87"), ())
    assert founder.accepted == ("Phil Knight", "Knight")
    assert air_max.category == "nike-trivia" == pack_name("Nike Trivia.yaml")


def test_every_problem_of_our_format_is_listed_with_its_line() -> None:
    data = textwrap.dedent(
        """\
        questions:
          - id: q-one
            prompt: Who designed it?
            answer: Alpha
            distractors: [Alpha, Beta]
            difficulty: impossible
            category: designers
            explanation: Because.
            source: A book
            colour: red
          - id: q-one
            prompt: who designed it
            answer: Gamma
            distractors: [Delta, Epsilon, Zeta]
            difficulty: easy
            category: brands
            explanation: Because.
            source: A magazine
          - prompt: No source at all?
            answer: "True"
            type: truefalse
            difficulty: easy
            category: eras
            explanation: Because.
        """
    ).encode()
    found = {(p.line, p.field, p.message.split(" (")[0]) for p in problems(data)}
    assert (5, "distractors", "a choice question needs exactly 3 distractors, found 2") in found
    assert (5, "distractors", "the answer 'Alpha' also appears among the distractors") in found
    assert (6, "difficulty", "'impossible' is not one of: easy, medium, hard") in found
    assert (10, "colour", "unknown field") in found
    assert (11, "id", "the same id as line 2") in found
    assert (19, "sources", "is required: give `source:`") in found
    assert len(found) == 6
    # labelled by id where there is one, by position otherwise:
    assert all(p.entry in {"q-one", "questions[2]"} for p in problems(data))


def test_duplicate_prompts_within_a_pack() -> None:
    duplicated = OURS.replace(b"The 990 is a New Balance shoe.", b"who designed the gel kayano 14")
    (problem,) = problems(duplicated)
    assert problem.field == "prompt" and problem.message == "the same question as line 9"
    red = b"Who?: [a]\nWHO: [b]\n"
    (problem,) = problems(red)
    assert (problem.line, problem.message) == (2, "the same question as line 1")


def test_red_format_problems() -> None:
    data = b"Empty?: []\nNested?: [{a: 1}]\n'': [x]\nFine?: [ok]\nAUTHOR: [1]\nBlank?: ['', ~]\nNot a list?: {a: b}\n"
    found = sorted((p.line, p.field, p.message) for p in problems(data))
    assert found == [
        (1, "answers", "lists no accepted answer"),
        (2, "answers", "each answer must be text or a number"),
        (3, "prompt", "the question text is empty"),
        (5, None, "must be text"),
        (6, "answers", "an answer is empty"),
        (6, "answers", "an answer is empty"),
        (7, "answers", "expected a list of accepted answers"),
    ]


def test_syntax_error_has_its_line() -> None:
    (problem,) = problems(b"questions:\n  - id: q\n    prompt: [unclosed\n    answer: x\n")
    assert problem.message.startswith("YAML syntax error") and problem.line is not None and problem.line >= 3
    assert str(problem).startswith(f"line {problem.line}: YAML syntax error")


@pytest.mark.parametrize(
    "data",
    [b"- a list\n- of things\n", b"just text", b"", b"brands:\n  - id: asics\n    name: ASICS\n", b"a: b\nc: d\n"],
)
def test_neither_format(data: bytes) -> None:
    (problem,) = problems(data)
    assert "neither a Sole Archive pack" in problem.message


def test_oversized_is_refused_before_parsing() -> None:
    data = b"[" * (MAX_PACK_BYTES + 1)  # would be a syntax error if it were parsed
    (problem,) = problems(data)
    assert "at most 262144" in problem.message and problem.line is None


def test_not_utf8() -> None:
    (problem,) = problems("Qui a fondé Nike ?: [Knight]".encode("latin-1"))
    assert "not UTF-8" in problem.message


def test_too_many_questions() -> None:
    red = "".join(f"Q{n}?: [a]\n" for n in range(MAX_PACK_QUESTIONS + 1)).encode()
    (problem,) = problems(red)
    assert f"at most {MAX_PACK_QUESTIONS}" in problem.message
    ours = b"questions:\n" + b"".join(
        b"  - {prompt: 'Q%d?', answer: A, distractors: [B, C, D], difficulty: easy, category: eras, "
        b"explanation: E, source: S}\n" % n
        for n in range(MAX_PACK_QUESTIONS + 1)
    )
    assert len(ours) < MAX_PACK_BYTES
    (problem,) = problems(ours)
    assert f"at most {MAX_PACK_QUESTIONS}" in problem.message
    kind, questions = parse_pack(red.rsplit(b"\n", 2)[0] + b"\n", filename="p.yaml")
    assert (kind, len(questions)) == ("red", MAX_PACK_QUESTIONS)


def test_yaml_tags_are_never_executed() -> None:
    tagged = b"questions:\n  - prompt: !!python/object/apply:os.system ['echo pwned']\n    answer: x\n"
    (problem,) = problems(tagged)
    assert problem.line == 2 and "YAML error" in problem.message
    red = b"Fine?: [ok]\nQ?: [!!python/object/apply:os.system ['echo pwned']]\n"
    (problem,) = problems(red)
    assert problem.message == "each answer must be text or a number"


def test_empty_pack_and_unknown_top_level_keys() -> None:
    found = {p.message.split(" (")[0] for p in problems(b"questions: []\ncolour: red\n")}
    assert found == {"the pack has no questions", "unknown key"}


def test_pack_problem_text_and_error_summary() -> None:
    assert str(PackProblem(3, "q-one", "answer", "must not be empty")) == "line 3: q-one: answer: must not be empty"
    assert str(PackProblem(None, None, None, "the file is too big")) == "the file is too big"
    error = PackError([PackProblem(n, None, None, f"p{n}") for n in range(12, 0, -1)])
    assert error.message.splitlines()[1] == "line 1: p1" and error.message.endswith("… and 2 more")


def test_pack_names() -> None:
    assert pack_name("Sneaker Eras.yaml") == "sneaker-eras"
    assert pack_name("../../etc/passwd") == "passwd"
    assert pack_name("Café Trivia!!.yml") == "cafe-trivia"
    assert pack_name("***.yaml") == "pack"


def test_a_pack_is_checked_against_what_discord_can_post() -> None:
    long_choice = "x" * 300
    ours = OURS.replace(b"distractors: [Toshikazu Kayano,", f"distractors: [{long_choice},".encode())
    [problem] = problems(ours)
    assert problem.field == "distractors" and problem.line == 11
    assert "300 characters long; Discord shows at most 200" in problem.message

    long_answer = "y" * 1500  # the fact schema allows 1,500; a question embed field holds 1,024
    red = RED.replace(b"- Phil Knight", f"- {long_answer}".encode())
    [problem] = problems(red)
    assert problem.field == "answers" and "longer than 200 characters" in problem.message

    long_prompt = "Who designed " + "z" * 1100 + "?"
    [problem] = problems(OURS.replace(b"Who designed the GEL-KAYANO 14?", long_prompt.encode()))
    assert problem.field == "prompt" and "Discord shows at most 1000" in problem.message
