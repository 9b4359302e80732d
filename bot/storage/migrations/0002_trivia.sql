-- Trivia: games, the questions they asked, every acknowledged answer, the daily question, reports.
-- Scores are never kept only in memory: an answer row is committed before the player is told it counted.

CREATE TABLE trivia_games (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    host_id     INTEGER NOT NULL,
    mode        TEXT    NOT NULL CHECK (mode IN ('choice', 'open')),
    category    TEXT,
    difficulty  TEXT,
    rounds      INTEGER NOT NULL,
    seconds     INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'finished', 'stopped', 'idle', 'interrupted')),
    message_id  INTEGER,          -- the message showing the current question, edited after a restart
    winner_id   INTEGER,
    started_at  TEXT    NOT NULL,
    ended_at    TEXT
);
-- One running game per channel, enforced by the database as well as by the cog.
CREATE UNIQUE INDEX trivia_games_running_channel ON trivia_games (channel_id) WHERE status = 'running';
CREATE INDEX trivia_games_guild ON trivia_games (guild_id, started_at);

CREATE TABLE trivia_rounds (
    game_id     INTEGER NOT NULL REFERENCES trivia_games (id),
    round_index INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    asked_at    TEXT    NOT NULL,
    PRIMARY KEY (game_id, round_index)
) WITHOUT ROWID;

CREATE TABLE trivia_answers (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    game_id     INTEGER NOT NULL REFERENCES trivia_games (id),
    round_index INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    choice      TEXT    NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    credit      REAL    NOT NULL,
    points      INTEGER NOT NULL CHECK (points >= 0),
    answer_ms   INTEGER NOT NULL,
    answered_at TEXT    NOT NULL,
    UNIQUE (game_id, round_index, member_id)
);
-- The leaderboard: points per member of one server since a date (covering index).
CREATE INDEX trivia_answers_board ON trivia_answers (guild_id, answered_at, member_id, points);
-- /trivia stats for one member.
CREATE INDEX trivia_answers_member ON trivia_answers (guild_id, member_id, game_id, round_index);

-- Final standings of each game, written when it ends (or is found interrupted at start-up).
CREATE TABLE trivia_game_players (
    game_id     INTEGER NOT NULL REFERENCES trivia_games (id),
    guild_id    INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    best_streak INTEGER NOT NULL,
    rank        INTEGER NOT NULL,
    PRIMARY KEY (game_id, member_id)
) WITHOUT ROWID;
CREATE INDEX trivia_game_players_member ON trivia_game_players (guild_id, member_id);

CREATE TABLE trivia_daily (
    guild_id    INTEGER NOT NULL,
    day         TEXT    NOT NULL,   -- YYYY-MM-DD (UTC)
    member_id   INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    choice      TEXT    NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, member_id, day)
) WITHOUT ROWID;

CREATE TABLE trivia_reports (
    guild_id    INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    member_id   INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    PRIMARY KEY (guild_id, question_id, member_id)
) WITHOUT ROWID;
CREATE INDEX trivia_reports_open ON trivia_reports (guild_id, question_id) WHERE resolved = 0;
