"""Configuration: one clear line naming the setting, exit code 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.config import DEFAULT_WORKSHOP, ConfigError, load_settings
from bot.core.workshop import load_workshop
from handlers.texts import en
from handlers.texts import id as indonesian

GOOD = {"BOT_TOKEN": "123456:" + "A" * 35, "BOT_ADMIN_IDS": "111, 222"}


def run_cli(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_token_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(["run"], tmp_path, {"BOT_ADMIN_IDS": "111"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "BOT_TOKEN" in lines[0] and "not set" in lines[0]
    assert list(tmp_path.iterdir()) == []  # no database, no folders


def test_invalid_admin_ids_exit_2(tmp_path: Path) -> None:
    result = run_cli(["run"], tmp_path, {**GOOD, "BOT_ADMIN_IDS": "111,abc"})
    assert result.returncode == 2
    assert "BOT_ADMIN_IDS" in result.stderr and "'abc'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOT_TOKEN=\nBOT_ADMIN_IDS=111\nBOT_WORKSHOP=/nope.toml\n")
    result = run_cli(["run"], tmp_path, {"BOT_TOKEN": GOOD["BOT_TOKEN"]})
    assert result.returncode == 2
    assert "BOT_WORKSHOP" in result.stderr and "does not exist" in result.stderr


def test_help_for_each_command(tmp_path: Path) -> None:
    for args in (["--help"], ["run", "--help"], ["demo", "--help"]):
        result = run_cli(args, tmp_path, {})
        assert result.returncode == 0 and "usage: bimtek-bot" in result.stdout


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"BOT_ADMIN_IDS": ""}, "BOT_ADMIN_IDS"),
        ({"BOT_API_BASE_URL": "ftp://x"}, "BOT_API_BASE_URL"),
        ({"BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL"),
    ],
)
def test_each_invalid_setting_is_named(env: dict[str, str], setting: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({**GOOD, **env})
    assert error.value.setting == setting


def test_good_settings() -> None:
    settings = load_settings(GOOD)
    assert settings.admin_ids == frozenset({111, 222})
    assert str(settings.db_path) == "data/bimtek.db"


def test_workshop_file_errors_name_the_setting(tmp_path: Path) -> None:
    bad = tmp_path / "w.toml"
    bad.write_text('[workshop]\nname = "x"\nregion = "y"\ntimezone = "Mars/Olympus"\n')
    with pytest.raises(ConfigError, match="unknown time zone"):
        load_workshop(bad)
    bad.write_text("not toml [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_workshop(bad)
    workshop = load_workshop(DEFAULT_WORKSHOP)
    assert workshop.timezone == "Asia/Makassar" and len(workshop.kecamatan) == 12


def test_both_languages_have_the_same_texts_and_placeholders() -> None:
    import string

    assert set(indonesian.TEXTS) == set(en.TEXTS)
    for key, template in indonesian.TEXTS.items():
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        other = {f for _, f, _, _ in string.Formatter().parse(en.TEXTS[key]) if f}
        assert names == other, key
