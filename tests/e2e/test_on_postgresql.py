# ruff: noqa: F401 - the imported tests are collected here, on PostgreSQL
"""End-to-end tests of the bot's stores run again with the bot on PostgreSQL (the shared test server).

The tests of tests/core cover every store on both backends one method at a time; these drive the same
stores through real commands, buttons and games. They are the e2e tests that reach the database only
through the bot (none reads the SQLite file itself, restarts the bot or injects faults), imported from
their modules and collected here, where ``database`` is a PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from test_config import (
    test_a_disabled_feature_answers_privately_and_says_where_it_works,
    test_a_moderator_of_one_server_cannot_touch_another,
    test_changes_are_recorded_with_who_and_old_to_new,
    test_config_show_lists_every_setting,
    test_daily_post_skips_a_channel_it_cannot_post_in,
    test_edit_and_approve_a_suggestion,
    test_malformed_and_oversized_packs_are_rejected_with_reasons,
    test_members_cannot_configure_even_when_discord_would_let_them,
    test_no_daily_post_while_trivia_and_facts_are_switched_off,
    test_pack_upload_list_play_and_remove,
    test_reset_can_be_cancelled,
    test_reset_scores_confirms_then_attaches_the_export_then_clears,
    test_suggest_then_review_then_play,
    test_the_configured_quizmaster_role_may_skip,
    test_trivia_defaults_and_game_channels_come_from_the_settings,
)
from test_config_channels import (
    test_a_channel_of_another_server_is_refused,
    test_a_refused_setting_is_named_by_its_label,
    test_an_unknown_name_is_refused_privately_with_close_names_and_nothing_changes,
    test_config_history_stamps_changes_with_the_bots_clock,
    test_config_show_names_each_setting_and_says_what_it_does,
    test_names_and_mentions_mix_and_everywhere_clears,
)
from test_moderation_faults import (
    test_a_double_click_on_export_and_clear_exports_and_clears_once,
    test_the_quizmaster_setting_says_what_the_role_may_do_and_the_rules_agree,
)
from test_review_broken import (
    test_a_server_with_nothing_broken_sees_no_lists,
)
from test_trivia import (
    test_a_full_game_with_three_members,
    test_a_game_nobody_answers_ends_itself_after_two_rounds,
    test_counts_of_one_read_in_the_singular,
    test_daily_question_is_private_once_a_day_and_shareable,
    test_help_explains_scoring,
    test_leaderboard_pages_and_shows_the_callers_rank_off_page,
    test_open_mode_typed_answers_and_late_answers,
    test_start_in_a_busy_channel_explains_how_to_join,
    test_stats_after_a_game,
    test_stop_and_skip_are_for_the_host_a_quizmaster_or_a_moderator,
    test_the_enumerated_options_are_the_cores_enums,
    test_two_channels_play_at_once,
)
from test_trivia_history import (
    test_a_question_many_members_miss_becomes_hard_in_selection,
    test_the_daily_question_is_never_one_this_server_retired,
)
from test_trivia_outcomes import (
    test_a_category_the_server_does_not_allow_lists_the_ones_it_does,
    test_a_pack_in_our_format_is_played_by_its_name_and_the_upload_says_what_it_left_out,
    test_a_refused_suggestion_keeps_everything_typed_for_a_fix,
    test_a_reset_of_one_answer_reads_in_the_singular,
    test_a_skip_says_the_answers_given_were_discarded,
    test_another_member_turning_the_leaderboard_gets_their_own_board,
    test_the_reset_scores_csv_names_the_members_safely,
    test_won_counts_only_games_against_someone,
)
from test_trivia_review import (
    test_review_shows_recent_wrong_answers_with_the_right_one_and_learn_more,
)
from test_trivia_schedules import (
    test_a_scheduled_game_is_announced_with_a_join_button_and_starts_on_time,
    test_a_scheduled_game_waits_for_the_game_running_in_its_channel,
    test_a_scheduled_mode_the_archive_cannot_fill_says_why,
    test_bad_schedules_are_refused_and_members_cannot_schedule,
)
from test_trivia_seasons import (
    test_a_game_with_one_player_is_played_but_not_counted,
    test_the_reward_role_goes_to_the_champions_and_moves_on,
    test_the_reward_role_without_manage_roles_or_above_the_bot,
    test_two_players_count_and_help_states_the_rules,
    test_weekly_seasons_end_on_monday,
)
from test_trivia_teams import (
    test_only_one_lobby_per_channel_and_the_host_can_cancel,
)

from bot.storage import Database


@pytest.fixture
async def database(pg_migrated_url: str) -> AsyncIterator[Database]:
    """The bot of these tests keeps its data in PostgreSQL."""
    db = await Database.open(pg_migrated_url)
    assert db.kind == "postgresql"
    yield db
    await db.close()
