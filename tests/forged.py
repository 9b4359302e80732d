"""Requests no Discord client would send: option values outside their choices and ranges, made-up custom ids.

simcord's actors only do what a person could do in the Discord client, so these go one level below
them: the same gateway event, with a payload the test writes itself.
"""

from __future__ import annotations

from typing import Any

import discord
import simcord
from simcord.actors import _dispatch_actor_interaction
from simcord.enums import InteractionType

__all__ = ["double_click", "forged_click", "forged_slash"]


async def forged_slash(
    bot: discord.Client,
    actor: simcord.MemberActor | simcord.UserHandle,
    channel: simcord.ChannelHandle,
    group: str,
    command: str,
    **values: Any,
) -> simcord.InteractionResult:
    """``/group command`` with raw option values (ints are sent as integers, anything else as strings)."""
    root = next(c for c in await bot.tree.fetch_commands() if c.name == group)  # type: ignore[attr-defined]
    options = [
        {"name": name, "type": 4 if isinstance(value, int) else 3, "value": value} for name, value in values.items()
    ]
    data = {"id": str(root.id), "name": group, "type": 1, "options": [{"type": 1, "name": command, "options": options}]}
    return await _dispatch(actor, InteractionType.APPLICATION_COMMAND, channel, data)


async def forged_click(
    actor: simcord.MemberActor, message: discord.Message, custom_id: str
) -> simcord.InteractionResult:
    """A click on ``message`` (which the actor can see) carrying a custom id that no button of it has."""
    from simcord.actors import _visible_message
    from simcord.backend import serializers

    env = actor._env
    stored = _visible_message(actor, message)
    channel = simcord.ChannelHandle(env, actor.guild, env.backend.get_channel(stored.channel_id))
    data = {"custom_id": custom_id, "component_type": 2}
    payload = dict(serializers.message_payload(env.backend, stored))
    # The message as the forged request describes it: one button, carrying the made-up id.
    payload["components"] = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "x", "custom_id": custom_id}]}]
    extra = {"message": payload}
    return await _dispatch(actor, InteractionType.MESSAGE_COMPONENT, channel, data, extra=extra, source=stored.id)


async def _dispatch(
    actor: Any, kind: int, channel: Any, data: dict[str, Any], *, extra: Any = None, source: int | None = None
) -> simcord.InteractionResult:
    env = actor._env
    env._begin_operation("forged interaction")
    try:
        return await _dispatch_actor_interaction(actor, kind, channel, data, extra=extra, source_message_id=source)
    finally:
        env._end_operation()


async def double_click(actor: simcord.MemberActor, message: Any, label: str) -> list[simcord.InteractionResult]:
    """Two clicks on the same button, both sent before the bot has answered either (a double click)."""
    from simcord.actors import _find_component, _visible_message
    from simcord.backend import serializers
    from simcord.enums import ComponentType
    from simcord.interactions import base_payload

    env = actor._env
    stored = _visible_message(actor, message)
    button = _find_component(stored.components, types=(ComponentType.BUTTON,), custom_id=None, label=label)
    data = {"custom_id": button["custom_id"], "component_type": int(ComponentType.BUTTON)}
    env._begin_operation("double click")
    try:
        records = []
        for _ in range(2):
            record, payload = base_payload(
                env.backend,
                type=InteractionType.MESSAGE_COMPONENT,
                channel_id=stored.channel_id,
                guild_id=actor.guild.id,
                user_id=actor.id,
                data=data,
            )
            payload["message"] = dict(serializers.message_payload(env.backend, stored))
            record.source_message_id = stored.id
            env._notify_dispatch_observers(record)
            env.backend.emit("INTERACTION_CREATE", payload)
            records.append(record)
        await env._settle_internal(dispatch="INTERACTION_CREATE")
    finally:
        env._end_operation()
    return [simcord.InteractionResult(env, record) for record in records]
