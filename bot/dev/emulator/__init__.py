"""A Telegram Bot API emulator for end-to-end tests and offline demos of the bot.

``Emulator`` serves the Bot API (point python-telegram-bot's ``base_url`` at
``Emulator.bot_api_base``) with Telegram's object shapes, errors and flood limits;
``EmulatorClient`` and ``SimUser`` drive simulated participants through its control API.
"""

from bot.dev.emulator.client import BotMessage, EmulatorClient, EmulatorControlError, SimUser
from bot.dev.emulator.limits import FloodLimits
from bot.dev.emulator.server import ApiError, Emulator

__all__ = [
    "ApiError",
    "BotMessage",
    "Emulator",
    "EmulatorClient",
    "EmulatorControlError",
    "FloodLimits",
    "SimUser",
]
