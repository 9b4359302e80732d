-- Foundation: small key/value settings of the bot itself, and per-channel memory of /fact.

CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The last fact shown in a channel, so /fact never repeats itself twice in a row there.
CREATE TABLE channel_last_fact (
    channel_id INTEGER PRIMARY KEY,
    guild_id   INTEGER,
    fact_id    TEXT NOT NULL,
    shown_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
