"""The Discord shell: the client, its command tree, command sync, and the ways to run it.

Unlike the core packages (catalog, storage, trivia), this package speaks discord.py.
"""
