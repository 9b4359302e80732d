"""Storage: the SQLite database (aiosqlite, WAL, migrations), the group-commit writer, repositories."""

from .config import (
    ConfigChange,
    CustomQuestion,
    CustomQuestionStore,
    DailyPostStore,
    GuildSettingsStore,
    PackLimitError,
    ReportedQuestion,
    SuggestionRefused,
    UnknownQuestionError,
    export_scores_csv,
    prompt_key,
    reset_scores,
)
from .database import Database, Migration, MigrationError, load_migrations
from .repositories import ChannelFacts, MetaStore
from .trivia import AnswerRecord, BoardRow, DailyRecord, FinalStanding, MemberStats, RunningGame, TriviaStore
from .writer import GroupCommitWriter

__all__ = [
    "AnswerRecord",
    "BoardRow",
    "ChannelFacts",
    "ConfigChange",
    "CustomQuestion",
    "CustomQuestionStore",
    "DailyPostStore",
    "DailyRecord",
    "Database",
    "FinalStanding",
    "GroupCommitWriter",
    "GuildSettingsStore",
    "MemberStats",
    "MetaStore",
    "Migration",
    "MigrationError",
    "PackLimitError",
    "ReportedQuestion",
    "RunningGame",
    "SuggestionRefused",
    "TriviaStore",
    "UnknownQuestionError",
    "export_scores_csv",
    "load_migrations",
    "prompt_key",
    "reset_scores",
]
