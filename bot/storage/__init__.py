"""Storage: one repository per group of tables over a Database (SQLite or PostgreSQL), the group-commit writer.

Importing the package registers both backends with ``Database.open`` (PostgreSQL needs the ``asyncpg``
extra only when a ``postgresql://`` URL is opened).
"""

from .custom_questions import CustomQuestion, CustomQuestionStore, PackLimitError, UnknownQuestionError
from .daily_posts import DailyPostStore
from .database import ConstraintError, Database, DatabaseUnavailableError, Migration, MigrationError, load_migrations
from .guild_settings import ConfigChange, GuildSettingsStore
from .postgres import PostgresDatabase
from .question_history import QuestionHistory
from .question_stats import QuestionStats
from .repositories import ChannelFacts, MetaStore
from .schedules import ScheduleStore
from .seasons import ArchivedSeason, SeasonStore
from .sqlite import SqliteDatabase
from .trivia import AnswerRecord, BoardRow, DailyRecord, FinalStanding, MemberStats, RunningGame, TriviaStore
from .trivia_reports import ReportedQuestion, ReportQueue
from .trivia_scores import export_scores_csv, last_answer_id, reset_scores
from .writer import GroupCommitWriter

__all__ = [
    "AnswerRecord",
    "ArchivedSeason",
    "BoardRow",
    "ChannelFacts",
    "ConfigChange",
    "ConstraintError",
    "CustomQuestion",
    "CustomQuestionStore",
    "DailyPostStore",
    "DailyRecord",
    "Database",
    "DatabaseUnavailableError",
    "FinalStanding",
    "GroupCommitWriter",
    "GuildSettingsStore",
    "MemberStats",
    "MetaStore",
    "Migration",
    "MigrationError",
    "PackLimitError",
    "PostgresDatabase",
    "QuestionHistory",
    "QuestionStats",
    "ReportQueue",
    "ReportedQuestion",
    "RunningGame",
    "ScheduleStore",
    "SeasonStore",
    "SqliteDatabase",
    "TriviaStore",
    "UnknownQuestionError",
    "export_scores_csv",
    "last_answer_id",
    "load_migrations",
    "reset_scores",
]
