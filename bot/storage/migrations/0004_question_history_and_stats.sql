-- Which questions each server has been asked, the daily question each server got, and how every
-- question fares with players (right and wrong answers), for its measured difficulty.

-- A server's history: the last time each question was put to it (a game's round or the daily question).
-- Games draw the questions a server has not seen first, then the longest-unseen (bot.trivia.selection),
-- so nothing repeats until the server's eligible pool is used up, across games and restarts.
CREATE TABLE question_history (
    guild_id    INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    asked_at    TEXT    NOT NULL,
    PRIMARY KEY (guild_id, question_id)
) WITHOUT ROWID;
CREATE INDEX question_history_order ON question_history (guild_id, asked_at);

-- What games have asked so far counts as seen.
INSERT INTO question_history (guild_id, question_id, asked_at)
SELECT trivia_games.guild_id, trivia_rounds.question_id, MAX(trivia_rounds.asked_at)
FROM trivia_rounds JOIN trivia_games ON trivia_games.id = trivia_rounds.game_id
GROUP BY trivia_games.guild_id, trivia_rounds.question_id;

-- The daily question a server got on a day: chosen once, the same all day whatever is played meanwhile.
CREATE TABLE trivia_daily_questions (
    guild_id    INTEGER NOT NULL,
    day         TEXT    NOT NULL,   -- YYYY-MM-DD (UTC)
    question_id TEXT    NOT NULL,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;

-- Right and wrong answers per question, across servers. Only a measured difficulty is built from these
-- totals (bot.trivia.difficulty); what a server is shown about its members comes from its own answers.
CREATE TABLE question_stats (
    question_id TEXT    PRIMARY KEY,
    answered    INTEGER NOT NULL CHECK (answered >= 0),
    correct     INTEGER NOT NULL CHECK (correct >= 0 AND correct <= answered)
) WITHOUT ROWID;

-- Answers already given count.
INSERT INTO question_stats (question_id, answered, correct)
SELECT question_id, COUNT(*), SUM(correct)
FROM (
    SELECT question_id, correct FROM trivia_answers
    UNION ALL
    SELECT question_id, correct FROM trivia_daily
) AS given
GROUP BY question_id;

-- /config review: one server's most missed questions.
CREATE INDEX trivia_answers_question ON trivia_answers (guild_id, question_id, correct);
