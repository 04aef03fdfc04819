"""A Telegram Bot API emulator for end-to-end tests and offline demos of the bot.

``Emulator`` serves the Bot API (point python-telegram-bot's ``base_url`` at
``Emulator.bot_api_base``) with Telegram's object shapes, errors and flood limits;
``EmulatorClient`` and ``SimUser`` drive simulated participants through its control API.

Modules, one per concern: ``server`` (the aiohttp app, routing, the ``Emulator`` class that
composes the rest), ``state`` (users, chats, messages, files, the updates queue), ``faults``
(injected errors, hangs, slow answers, forced 429s) with ``limits`` (Telegram's flood limits),
``methods_messages``, ``methods_media``, ``methods_polls``, ``methods_updates`` and
``methods_misc`` (the Bot API methods), ``control`` (the ``/_emu`` routes), ``client``
(``EmulatorClient``, ``SimUser``), ``markup`` (parse modes and entities), ``api`` (the shared
error and call types). It imports only aiohttp and python-telegram-bot's constants, never the
bot itself.
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
