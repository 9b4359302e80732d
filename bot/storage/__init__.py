"""Storage: the SQLite database (aiosqlite, WAL, migrations), the group-commit writer, repositories."""

from .database import Database, Migration, MigrationError, load_migrations
from .repositories import ChannelFacts, MetaStore
from .trivia import AnswerRecord, BoardRow, DailyRecord, FinalStanding, MemberStats, RunningGame, TriviaStore
from .writer import GroupCommitWriter

__all__ = [
    "AnswerRecord",
    "BoardRow",
    "ChannelFacts",
    "DailyRecord",
    "Database",
    "FinalStanding",
    "GroupCommitWriter",
    "MemberStats",
    "MetaStore",
    "Migration",
    "MigrationError",
    "RunningGame",
    "TriviaStore",
    "load_migrations",
]
