-- Foundation (PostgreSQL twin of migrations/0001_foundation.sql): settings of the bot itself, /fact memory.
-- Ids are BIGINT (Discord snowflakes); times are ISO-8601 UTC text, as on SQLite, so the stores' SQL is shared.

CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE channel_last_fact (
    channel_id BIGINT PRIMARY KEY,
    guild_id   BIGINT,
    fact_id    TEXT NOT NULL,
    shown_at   TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
);
