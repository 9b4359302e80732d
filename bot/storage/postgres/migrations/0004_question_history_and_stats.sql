-- PostgreSQL twin of migrations/0004_question_history_and_stats.sql: each server's question history,
-- its daily question per day, and right/wrong answers per question.

CREATE TABLE question_history (
    guild_id    BIGINT NOT NULL,
    question_id TEXT   NOT NULL,
    asked_at    TEXT   NOT NULL,
    PRIMARY KEY (guild_id, question_id)
);
CREATE INDEX question_history_order ON question_history (guild_id, asked_at);

INSERT INTO question_history (guild_id, question_id, asked_at)
SELECT trivia_games.guild_id, trivia_rounds.question_id, MAX(trivia_rounds.asked_at)
FROM trivia_rounds JOIN trivia_games ON trivia_games.id = trivia_rounds.game_id
GROUP BY trivia_games.guild_id, trivia_rounds.question_id;

CREATE TABLE trivia_daily_questions (
    guild_id    BIGINT NOT NULL,
    day         TEXT   NOT NULL,
    question_id TEXT   NOT NULL,
    PRIMARY KEY (guild_id, day)
);

CREATE TABLE question_stats (
    question_id TEXT    PRIMARY KEY,
    answered    INTEGER NOT NULL CHECK (answered >= 0),
    correct     INTEGER NOT NULL CHECK (correct >= 0 AND correct <= answered)
);

INSERT INTO question_stats (question_id, answered, correct)
SELECT question_id, COUNT(*), SUM(correct)
FROM (
    SELECT question_id, correct FROM trivia_answers
    UNION ALL
    SELECT question_id, correct FROM trivia_daily
) AS given
GROUP BY question_id;

CREATE INDEX trivia_answers_question ON trivia_answers (guild_id, question_id, correct);
