"""A server's seen-question history, end to end: no repeats across games and restarts until the pool is used up."""

from __future__ import annotations

import sqlite3

import simcord
from helpers import MOD, World, pack_question, running_session

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import CustomQuestionStore, Database

PACK = "quiz-night"


async def play(world: World, channel: simcord.ChannelHandle | None = None, **options: object) -> None:
    """One game played to its end, the member answering every question (so it never ends for silence)."""
    where = channel or world.general
    started = await world.member.slash(where, "trivia start", seconds=10, **options)
    assert not started.ephemeral, started.response.content
    for _ in range(60):
        last = where.history()[-1]
        title = last.embeds[0].title if last.embeds else ""
        if (title or "").startswith("🏁"):
            return
        if (title or "").startswith("Question") and "answer" not in (title or "") and last.components:
            await world.member.click(last, label=last.components[0].children[0].label)  # type: ignore[attr-defined]
        await world.env.advance_time(10)
    raise AssertionError("the game did not end")


def asked(database_path: object, guild_id: int) -> list[str]:
    """Question ids a server's games asked, in the order they were asked."""
    with sqlite3.connect(str(database_path)) as raw:
        rows = raw.execute(
            "SELECT r.question_id FROM trivia_rounds r JOIN trivia_games g ON g.id = r.game_id "
            "WHERE g.guild_id = ? ORDER BY r.game_id, r.round_index",
            (guild_id,),
        ).fetchall()
    return [str(row[0]) for row in rows]


async def test_no_question_repeats_across_games_and_a_restart_until_the_pool_is_used_up(
    world: World, settings: Settings, catalog: Catalog, database: Database
) -> None:
    # Five questions with no shared subject: only the history decides what comes next.
    store = CustomQuestionStore(database)
    await store.add_pack(
        world.guild.id, MOD, PACK, [pack_question(f"Quiz question {n}?", f"Answer {n}", PACK) for n in range(5)]
    )
    await play(world, rounds=2, category=PACK)
    await play(world, rounds=2, category=PACK)
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    await play(world, rounds=2, category=PACK)
    order = asked(settings.database, world.guild.id)
    assert len(order) == 6
    assert len(set(order[:5])) == 5  # every question once before any comes back, across a restart
    assert order[5] == order[0]  # then the longest-unseen first: the pool cycles, it never runs dry


async def test_the_daily_question_is_one_the_server_has_not_seen_and_stays_put(
    world: World, settings: Settings
) -> None:
    await play(world, rounds=3)
    await play(world, rounds=3)
    seen = set(asked(settings.database, world.guild.id))
    assert len(seen) == 6
    daily = await world.member.slash(world.general, "trivia daily")
    with sqlite3.connect(settings.database) as raw:
        [(chosen,)] = raw.execute("SELECT question_id FROM trivia_daily_questions").fetchall()
        history = {
            row[0]
            for row in raw.execute("SELECT question_id FROM question_history WHERE guild_id = ?", (world.guild.id,))
        }
    assert chosen not in seen and chosen in history  # unseen before; now it counts as seen
    await play(world, rounds=3)  # a game in between changes the history, not today's question
    again = await world.other.slash(world.general, "trivia daily")
    assert again.response.embeds[0].description == daily.response.embeds[0].description


async def test_one_servers_history_does_not_steer_another_servers_games(
    world: World, settings: Settings, database: Database
) -> None:
    other_guild = world.env.create_guild("Elsewhere")
    elsewhere = other_guild.create_text_channel("general")
    stranger = other_guild.add_member(world.env.create_user("stranger"))
    await play(world, rounds=1, category="collabs")  # two collab questions in the fixture catalog
    [first_here] = asked(settings.database, world.guild.id)

    for _ in range(2):  # the other server plays both collab questions
        started = await stranger.slash(elsewhere, "trivia start", rounds=1, seconds=10, category="collabs")
        assert not started.ephemeral
        await world.env.advance_time(60)
    assert sorted(asked(settings.database, other_guild.id)) == sorted(set(asked(settings.database, other_guild.id)))
    with sqlite3.connect(settings.database) as raw:
        mine = [
            r[0] for r in raw.execute("SELECT question_id FROM question_history WHERE guild_id = ?", (world.guild.id,))
        ]
    assert mine == [first_here]  # nothing the other server played was filed here

    await play(world, rounds=1, category="collabs")
    second_here = asked(settings.database, world.guild.id)[1]
    assert second_here != first_here  # this server still gets the one it has not seen


async def test_a_question_many_members_miss_becomes_hard_in_selection(world: World, simcord_bot: SoleArchive) -> None:
    from bot.trivia.difficulty import MIN_ANSWERS

    # The fixture's one tech question is medium: no hard tech question to start with.
    none = await world.member.slash(world.general, "trivia start", category="tech", difficulty="hard")
    assert none.ephemeral and "No questions match" in none.response.content

    players = [world.guild.add_member(world.env.create_user(f"player{n}")) for n in range(MIN_ANSWERS)]
    await world.member.slash(world.general, "trivia start", category="tech", rounds=1, seconds=60)
    message = world.general.history()[-1]
    question = running_session(simcord_bot, world.general.id).game.current
    assert question is not None and question.difficulty == "medium"
    wrong = next(choice for choice in question.choices if choice != question.answer)
    for player in players:
        await player.click(message, label=wrong)
    await world.env.advance_time(61)

    hard = await world.member.slash(world.general, "trivia start", category="tech", difficulty="hard", rounds=1)
    assert not hard.ephemeral, hard.response.content
    shown = world.general.history()[-1].embeds[0].title
    assert shown == "Question 1/1 · tech · hard"
    assert running_session(simcord_bot, world.general.id).game.current.id == question.id  # type: ignore[union-attr]


async def test_a_game_started_beside_a_running_one_asks_other_questions(
    world: World, settings: Settings, database: Database
) -> None:
    store = CustomQuestionStore(database)
    await store.add_pack(
        world.guild.id, MOD, PACK, [pack_question(f"Quiz question {n}?", f"Answer {n}", PACK) for n in range(4)]
    )
    second = world.guild.create_text_channel("trivia")
    for channel in (world.general, second):  # the second starts while the first has asked one of its two
        started = await world.member.slash(channel, "trivia start", rounds=2, seconds=10, category=PACK)
        assert not started.ephemeral
    await world.env.advance_time(60)
    order = asked(settings.database, world.guild.id)
    assert len(order) == 4 and len(set(order)) == 4


async def test_the_daily_question_is_never_one_this_server_retired(world: World, simcord_bot: SoleArchive) -> None:
    playable = [q for q in simcord_bot.question_bank() if q.playable_choice()]
    keep = playable[-1]
    for question in playable[:-1]:
        await simcord_bot.trivia_reports.resolve_reports(world.guild.id, question.id, world.moderator.id, "retired")
    daily = await world.member.slash(world.general, "trivia daily")
    assert daily.response.embeds[0].description is not None
    assert keep.prompt in daily.response.embeds[0].description
