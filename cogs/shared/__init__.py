"""Rendering, lookup and view helpers shared by every cog (kept here so no cog copies another)."""
