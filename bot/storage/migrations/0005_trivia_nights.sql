-- Trivia nights: which games count toward the board, seasons and their champions.
-- Portable SQL (SQLite and PostgreSQL): plain tables, ON CONFLICT upserts in the stores.

-- One row per finished game: how many played, and whether it counts toward the board
-- (a server's trivia.min_players). A game with no row (still running, or older) counts.
CREATE TABLE trivia_game_counts (
    game_id  INTEGER NOT NULL PRIMARY KEY REFERENCES trivia_games (id),
    guild_id INTEGER NOT NULL,
    players  INTEGER NOT NULL,
    counted  INTEGER NOT NULL CHECK (counted IN (0, 1))
);
CREATE INDEX trivia_game_counts_guild ON trivia_game_counts (guild_id, counted);

-- A season that ended and was archived: claimed once per server (also across restarts).
CREATE TABLE trivia_seasons (
    guild_id    INTEGER NOT NULL,
    season_key  TEXT    NOT NULL,   -- 2026-01, 2026-Q1, 2026-W05
    label       TEXT    NOT NULL,
    starts_at   TEXT    NOT NULL,
    ends_at     TEXT    NOT NULL,
    archived_at TEXT    NOT NULL,
    channel_id  INTEGER,
    message_id  INTEGER,
    PRIMARY KEY (guild_id, season_key)
);

CREATE TABLE trivia_champions (
    guild_id   INTEGER NOT NULL,
    season_key TEXT    NOT NULL,
    member_id  INTEGER NOT NULL,
    rank       INTEGER NOT NULL,
    points     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, season_key, member_id)
);

-- Recurring games a moderator scheduled (/config schedule), kept across restarts.
CREATE TABLE trivia_schedules (
    id               INTEGER PRIMARY KEY,
    guild_id         INTEGER NOT NULL,
    channel_id       INTEGER NOT NULL,
    weekdays         TEXT    NOT NULL,   -- "0,2,4": Monday is 0 (UTC)
    at_time          TEXT    NOT NULL,   -- HH:MM, UTC
    rounds           INTEGER,
    category         TEXT,
    mode             TEXT    NOT NULL,
    announce_minutes INTEGER NOT NULL,
    created_by       INTEGER NOT NULL,
    created_at       TEXT    NOT NULL
);
CREATE INDEX trivia_schedules_guild ON trivia_schedules (guild_id, id);

-- Each run of a schedule, claimed once: announced (with the message), then started (or missed).
CREATE TABLE trivia_schedule_runs (
    schedule_id INTEGER NOT NULL,
    run_at      TEXT    NOT NULL,
    guild_id    INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('announced', 'waiting', 'started', 'missed')),
    message_id  INTEGER,
    game_id     INTEGER,
    PRIMARY KEY (schedule_id, run_at)
);

-- Who pressed Join on a run's announcement.
CREATE TABLE trivia_schedule_joins (
    schedule_id INTEGER NOT NULL,
    run_at      TEXT    NOT NULL,
    member_id   INTEGER NOT NULL,
    joined_at   TEXT    NOT NULL,
    PRIMARY KEY (schedule_id, run_at, member_id)
);

-- Who played on which team in a team game (0 = the first team).
CREATE TABLE trivia_teams (
    game_id   INTEGER NOT NULL REFERENCES trivia_games (id),
    guild_id  INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    team      INTEGER NOT NULL CHECK (team BETWEEN 0 AND 3),
    PRIMARY KEY (game_id, member_id)
);
