"""Storage: SQLite (aiosqlite, WAL, migrations), the group-commit writer, one repository per group of tables."""

from .custom_questions import CustomQuestion, CustomQuestionStore, PackLimitError, UnknownQuestionError
from .daily_posts import DailyPostStore
from .database import Database, Migration, MigrationError, load_migrations
from .guild_settings import ConfigChange, GuildSettingsStore
from .question_history import QuestionHistory
from .question_stats import QuestionStats
from .repositories import ChannelFacts, MetaStore
from .trivia import AnswerRecord, BoardRow, DailyRecord, FinalStanding, MemberStats, RunningGame, TriviaStore
from .trivia_reports import ReportedQuestion, ReportQueue
from .trivia_scores import export_scores_csv, last_answer_id, reset_scores
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
    "QuestionHistory",
    "QuestionStats",
    "ReportQueue",
    "ReportedQuestion",
    "RunningGame",
    "TriviaStore",
    "UnknownQuestionError",
    "export_scores_csv",
    "last_answer_id",
    "load_migrations",
    "reset_scores",
]
