"""What a member is told about one answer: locked in, refused, or not saved (and free to try again).

An answer counts only once the database has committed it (``GameSession.submit``); when the commit
fails, the member hears why in a plain sentence and may answer again while the question is open.
Imports run one way: games → answering → session.
"""

from __future__ import annotations

import logging
import sqlite3

from bot.errors import UserError
from bot.storage.writer import DatabaseGoneError, is_busy
from bot.trivia.game import AlreadyAnswered, GameError, NotPlaying, RoundClosed

from ..shared.text import quote_user
from .session import GameSession

__all__ = ["ACK_WITHIN", "ALREADY", "SAVING", "TOO_LATE", "answer_reply", "not_saved"]

log = logging.getLogger(__name__)

ACK_WITHIN = 2.0  # seconds to wait for the commit before answering "saving…" (Discord allows 3)
SAVING = "⏳ Saving your answer…"
TOO_LATE = "Too late: that question is closed."
ALREADY = "You already answered this one. Answers can't be changed."
GONE = (
    "⚠️ Your answer was **not saved**: the bot's database file went missing, so no answers can be kept "
    "until the bot is restarted. The bot's log says so for whoever runs it."
)


def not_saved(error: BaseException) -> str:
    """The sentence for an answer the database refused."""
    if isinstance(error, DatabaseGoneError):
        return GONE
    reason = "busy" if is_busy(error) else "full" if "full" in str(error) else "unavailable"
    return (
        f"⚠️ Your answer was **not saved** (the database is {reason} right now), so it doesn't count. "
        "Answer again while the question is open."
    )


async def answer_reply(session: GameSession, player_id: int, round_index: int, choice: int | str) -> str:
    """Submit an answer; the reply text, or a UserError with the reason it was refused."""
    try:
        outcome = await session.submit(player_id, round_index, choice)
    except AlreadyAnswered:
        raise UserError(ALREADY) from None
    except (RoundClosed, NotPlaying):
        raise UserError(TOO_LATE) from None
    except GameError as error:
        raise UserError(str(error) or "That answer can't be taken right now.") from None
    except (sqlite3.Error, DatabaseGoneError) as error:
        log.warning(
            "an answer by %s to game %s round %s was not saved: %s",
            player_id,
            session.game.game_id,
            round_index + 1,
            error,
        )
        raise UserError(not_saved(error)) from None
    return (
        f"Locked in: {quote_user(outcome.choice)} after {outcome.elapsed:.1f}s. You'll see how you did at the reveal."
    )
