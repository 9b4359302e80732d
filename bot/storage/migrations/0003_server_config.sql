-- Per-server configuration: settings and their history, custom questions (suggestions and packs),
-- moderators' verdicts on reported questions, and the daily question's post. Every table is keyed by
-- guild_id first: a query for one server never reads another's rows.

-- One row per setting that differs from the default; value is JSON that bot.guild_config parses.
CREATE TABLE guild_settings (
    guild_id INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (guild_id, key)
) WITHOUT ROWID;
-- The daily scheduler looks for servers with both daily settings, across all servers.
CREATE INDEX guild_settings_daily ON guild_settings (key, guild_id) WHERE key IN ('daily.channel', 'daily.time');

-- Every change: who, when, old -> new (JSON; NULL is the default).
CREATE TABLE config_history (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_at TEXT    NOT NULL
);
CREATE INDEX config_history_guild ON config_history (guild_id, id);

CREATE TABLE custom_questions (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    origin      TEXT    NOT NULL CHECK (origin IN ('suggestion', 'pack')),
    pack        TEXT,
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    prompt      TEXT    NOT NULL,
    answer      TEXT    NOT NULL,
    distractors TEXT    NOT NULL DEFAULT '[]',   -- JSON list
    accepted    TEXT    NOT NULL DEFAULT '[]',   -- JSON list: every accepted answer (Red-format packs)
    category    TEXT    NOT NULL,
    difficulty  TEXT    NOT NULL,
    explanation TEXT,
    source      TEXT,
    author_id   INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    reviewed_by INTEGER,
    reviewed_at TEXT,
    prompt_key  TEXT    NOT NULL,               -- normalised prompt, for duplicate checks
    CHECK ((origin = 'pack') = (pack IS NOT NULL)),
    UNIQUE (guild_id, prompt_key)
);
-- Review queue, approved pool, and the per-member pending limit.
CREATE INDEX custom_questions_status ON custom_questions (guild_id, status, id);
CREATE INDEX custom_questions_author ON custom_questions (guild_id, author_id, status);
-- Listing, replacing and removing packs.
CREATE INDEX custom_questions_pack ON custom_questions (guild_id, pack) WHERE pack IS NOT NULL;

-- A moderator's verdict on a reported question (any id: generated, hand-written or custom).
CREATE TABLE question_reviews (
    guild_id    INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('restored', 'retired')),
    reviewed_by INTEGER NOT NULL,
    reviewed_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, question_id)
) WITHOUT ROWID;

-- At most one daily question post per server per day, also across restarts.
CREATE TABLE daily_posts (
    guild_id   INTEGER NOT NULL,
    day        TEXT    NOT NULL,   -- YYYY-MM-DD (UTC)
    channel_id INTEGER NOT NULL,
    message_id INTEGER,
    posted_at  TEXT    NOT NULL,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;
