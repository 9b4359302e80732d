"""The game state machine: rounds, one answer each, deadlines, streaks, standings, skips and idle games."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import Ref, load_catalog
from bot.trivia.game import AlreadyAnswered, Game, GameError, NotPlaying, RoundClosed, mask
from bot.trivia.matching import AnswerMatcher
from bot.trivia.questions import Mode, TriviaQuestion

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "catalog"
ALICE, BOB, CARA = 1, 2, 3


def make_question(n: int, answer: str = "Right") -> TriviaQuestion:
    return TriviaQuestion(
        id=f"test:{n}",
        prompt=f"Question {n}?",
        answer=answer,
        choices=(answer, "Wrong", "Also wrong", "Nope"),
        category="eras",
        difficulty="easy",
        explanation="Because.",
        sources=(),
        about=(Ref("silhouette", f"shoe-{n}"),),
    )


def new_game(rounds: int = 5, **kw: object) -> Game:
    return Game(
        game_id=10,
        guild_id=20,
        channel_id=30,
        host_id=ALICE,
        questions=[make_question(n) for n in range(rounds)],
        seconds=20.0,
        **kw,  # type: ignore[arg-type]
    )


def state(game: Game) -> tuple[int, bool, float | None]:
    """Read through a call, so the type checker does not pin attributes to their first asserted value."""
    return game.round_index, game.is_open, game.deadline


def test_a_round_from_start_to_close() -> None:
    game = new_game()
    assert state(game) == (-1, False, None) and [game.current] == [None]
    assert game.rounds_total == 5 and not game.finished
    question = game.start_round(100.0)
    assert question == game.current and state(game) == (0, True, 120.0)
    outcome = game.answer(ALICE, "Right", 105.0)
    assert outcome.credit == 1.0 and outcome.elapsed == 5.0 and outcome.round_index == 0
    assert outcome.points == 100 + round(50 * 15 / 20)
    wrong = game.answer(BOB, "Wrong", 106.0)
    assert wrong.credit == 0.0 and wrong.points == 0
    assert game.answered_count() == 2 and game.answered_by() == {ALICE, BOB}
    result = game.close_round(110.0)
    assert result.round_index == 0 and result.question == question
    assert result.correct_players == (ALICE,)
    assert state(game) == (0, False, None)
    assert game.players() == {ALICE, BOB}


def test_one_answer_per_player_per_round() -> None:
    game = new_game()
    game.start_round(0.0)
    game.answer(ALICE, "Wrong", 1.0)
    with pytest.raises(AlreadyAnswered):
        game.answer(ALICE, "Right", 2.0)
    assert isinstance(AlreadyAnswered("x"), GameError)


def test_late_answers_are_rejected() -> None:
    game = new_game()
    game.start_round(0.0)
    assert game.answer(ALICE, "Right", 20.0).credit == 1.0  # on the buzzer still counts
    with pytest.raises(RoundClosed):
        game.answer(BOB, "Right", 20.01)
    game.close_round(21.0)
    with pytest.raises(RoundClosed):
        game.answer(CARA, "Right", 21.5)
    with pytest.raises(RoundClosed):
        game.close_round(22.0)


def test_no_answers_before_the_first_round_or_after_stop() -> None:
    game = new_game()
    with pytest.raises(NotPlaying):
        game.answer(ALICE, "Right", 0.0)
    game.start_round(0.0)
    with pytest.raises(GameError):
        game.start_round(1.0)  # the round is still open
    game.stop()
    assert game.finished and not game.is_open
    with pytest.raises(NotPlaying):
        game.answer(ALICE, "Right", 2.0)
    with pytest.raises(NotPlaying):
        game.start_round(3.0)


def test_streaks_count_consecutive_right_answers_and_pay_a_bonus() -> None:
    game = new_game(rounds=5)
    points = []
    for n, choice in enumerate(["Right", "Right", "Right", "Wrong", "Right"]):
        start = n * 100.0
        game.start_round(start)
        points.append(game.answer(ALICE, choice, start + 20.0).points)  # no speed bonus: isolate the streak
        game.close_round(start + 20.0)
        if n == 2:
            assert game.streak(ALICE) == 3
    assert points == [100, 110, 120, 0, 100]
    assert game.streak(ALICE) == 1 and game.best_streak(ALICE) == 3
    assert game.finished
    assert game.streak(BOB) == 0 and game.best_streak(BOB) == 0


def test_sitting_out_a_round_ends_a_streak() -> None:
    game = new_game(rounds=3)
    game.start_round(0.0)
    game.answer(ALICE, "Right", 1.0)
    game.answer(BOB, "Right", 1.0)
    game.close_round(2.0)
    game.start_round(10.0)
    game.answer(BOB, "Right", 11.0)
    game.close_round(12.0)
    assert game.streak(ALICE) == 0 and game.streak(BOB) == 2


def test_ties_share_a_rank() -> None:
    game = new_game(rounds=2)
    game.start_round(0.0)
    game.answer(ALICE, "Right", 20.0)
    game.answer(BOB, "Right", 20.0)
    game.answer(CARA, "Wrong", 1.0)
    game.close_round(20.0)
    game.start_round(100.0)
    game.answer(CARA, "Right", 120.0)
    game.close_round(120.0)
    standings = game.standings()
    assert [(s.player_id, s.points, s.rank) for s in standings] == [(ALICE, 100, 1), (BOB, 100, 1), (CARA, 100, 1)]
    game = new_game(rounds=1)
    game.start_round(0.0)
    game.answer(ALICE, "Right", 20.0)
    game.answer(BOB, "Right", 20.0)
    game.answer(CARA, "Right", 0.0)
    game.close_round(20.0)
    standings = game.standings()
    assert [s.player_id for s in standings] == [CARA, ALICE, BOB]
    assert [s.rank for s in standings] == [1, 2, 2]
    game = new_game(rounds=1)
    game.start_round(0.0)
    for player in (ALICE, BOB):
        game.answer(player, "Right", 0.0)
    game.answer(CARA, "Wrong", 0.0)
    game.close_round(1.0)
    assert [(s.rank, s.correct, s.answered) for s in game.standings()] == [(1, 1, 1), (1, 1, 1), (3, 0, 1)]


def test_two_idle_rounds_end_the_game() -> None:
    game = new_game(rounds=5)
    game.start_round(0.0)
    game.answer(ALICE, "Right", 1.0)
    game.close_round(20.0)
    assert game.idle_rounds == 0
    game.start_round(30.0)
    game.close_round(50.0)
    assert game.idle_rounds == 1 and not game.should_end_for_inactivity()
    game.start_round(60.0)
    game.close_round(80.0)
    assert game.idle_rounds == 2 and game.should_end_for_inactivity()
    game.start_round(90.0)
    game.answer(BOB, "Wrong", 91.0)
    game.close_round(110.0)
    assert game.idle_rounds == 0 and not game.should_end_for_inactivity()


def test_a_skip_by_the_host_breaks_an_idle_run() -> None:
    game = new_game(rounds=4)
    game.start_round(0.0)
    game.close_round(20.0)
    game.start_round(30.0)
    game.skip_round(35.0)
    assert game.idle_rounds == 0
    game.start_round(40.0)
    game.close_round(60.0)
    assert game.idle_rounds == 1 and not game.should_end_for_inactivity()


def test_skip_gives_no_credit_and_keeps_streaks() -> None:
    game = new_game(rounds=3)
    game.start_round(0.0)
    game.answer(ALICE, "Right", 20.0)
    game.close_round(20.0)
    game.start_round(100.0)
    game.answer(ALICE, "Right", 101.0)
    result = game.skip_round(102.0)
    assert result.skipped and result.correct_players == ()
    assert all(o.points == 0 and o.credit == 0.0 for o in result.outcomes)
    assert game.standings()[0].points == 100 and game.streak(ALICE) == 1
    with pytest.raises(RoundClosed):
        game.skip_round(103.0)
    game.start_round(200.0)
    assert game.round_index == 2


def test_everyone_answered() -> None:
    game = new_game(rounds=3)
    game.start_round(0.0)
    assert not game.everyone_answered()  # nobody has answered yet
    game.answer(ALICE, "Right", 1.0)
    assert game.everyone_answered()
    game.answer(BOB, "Wrong", 2.0)
    game.close_round(3.0)
    game.start_round(10.0)
    game.answer(BOB, "Right", 11.0)
    assert not game.everyone_answered()  # Alice played before and has not answered yet
    game.answer(ALICE, "Right", 12.0)
    assert game.everyone_answered()


def test_open_mode_hints_and_typed_answers() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    question = TriviaQuestion(
        id="test:open",
        prompt="Which ASICS runner did Hidenori Yamashita design?",
        answer="GEL-KAYANO 14",
        choices=("GEL-KAYANO 14", "GEL-KAYANO 5", "GEL-LYTE III", "GT-2160"),
        category="designers",
        difficulty="medium",
        explanation="",
        sources=(),
        about=(shoe.ref,),
        accepted=shoe.aliases,
        answer_ref=shoe.ref,
    )
    game = Game(
        game_id=1, guild_id=2, channel_id=3, host_id=ALICE, questions=[question, question], seconds=30.0,
        mode=Mode.OPEN, matcher=AnswerMatcher(catalog),
    )  # fmt: skip
    game.start_round(0.0)
    assert [game.hints_shown(t) for t in (0.0, 9.9, 10.0, 19.9, 20.0, 30.0)] == [0, 0, 1, 1, 2, 2]
    assert game.hint(1) == "Think ASICS."
    assert game.hint(2) == "G_L-K_Y_N_ 1_"
    assert game.answer(ALICE, "Kayno 14", 1.0).credit == 1.0
    assert game.answer(BOB, "GEL-KAYANO 13", 2.0).credit == 0.0
    late_hinted = game.answer(CARA, "k14", 25.0)
    assert late_hinted.credit == 1.0 and late_hinted.points == round(100 * 0.5 + 50 * 5 / 30)
    choice_game = new_game()
    choice_game.start_round(0.0)
    assert choice_game.hints_shown(19.0) == 0


def test_mask_keeps_separators_and_every_other_character() -> None:
    assert mask("GEL-KAYANO 14") == "G_L-K_Y_N_ 1_"
    assert mask("Hidenori Yamashita") == "H_d_n_r_ Y_m_s_i_a"
    assert mask("A-COLD-WALL*") == "A-C_L_-W_L_*"


def test_a_game_needs_a_positive_time_limit() -> None:
    with pytest.raises(ValueError, match="positive"):
        Game(game_id=1, guild_id=2, channel_id=3, host_id=ALICE, questions=[make_question(0)], seconds=0)
