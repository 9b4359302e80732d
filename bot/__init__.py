"""Sole Archive: sneaker history for Discord. The core (catalog, storage, trivia) imports no discord."""

__version__ = "0.1.0"
