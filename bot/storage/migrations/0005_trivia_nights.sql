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
