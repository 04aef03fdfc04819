"""The pure rules of free-form ideas (bot/rules/intake.py) and the workshop file's [keywords]."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.config import DEFAULT_WORKSHOP, ConfigError
from bot.core.workshop import load_workshop
from bot.rules.intake import (
    Kind,
    classify,
    likeliest_dimension,
    ranked_dimensions,
    read_leading_tags,
)

KEYWORDS = load_workshop(DEFAULT_WORKSHOP).keywords_by_dimension


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("halo", Kind.GREETING),
        ("Selamat pagi pak!", Kind.GREETING),
        ("ok", Kind.GREETING),
        ("Terima kasih banyak, Bu", Kind.THANKS),
        ("thank you", Kind.THANKS),
        ("bagaimana cara kirim ide?", Kind.QUESTION),
        ("Kapan sesi dimulai?", Kind.QUESTION),
        ("Cibal", Kind.SHORT),
        ("sudah daftar", Kind.SHORT),
        ("Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus", Kind.IDEA),
        ("Bagaimana kalau dibuat aplikasi pengaduan warga di setiap desa?", Kind.IDEA),
        ("Selamat pagi, usul saya: pasar desa online untuk kopi", Kind.IDEA),
    ],
)
def test_what_a_message_outside_a_form_is(text: str, kind: Kind) -> None:
    assert classify(text, has_attachment=False) is kind


def test_a_file_is_always_an_idea() -> None:
    assert classify("", has_attachment=True) is Kind.IDEA
    assert classify("halo", has_attachment=True) is Kind.IDEA


@pytest.mark.parametrize(
    ("text", "dimension", "horizon", "rest"),
    [
        ("ekonomi 5th Pasar desa online", "economy", "5", "Pasar desa online"),
        ("5 tahun, lingkungan: bank sampah", "environment", "5", "bank sampah"),
        ("jangka pendek - tata kelola: satu data desa", "governance", "1", "satu data desa"),
        ("Economy 10y coffee cooperative", "economy", "10", "coffee cooperative"),
        ("Pasar ekonomi kreatif di Ruteng", None, None, "Pasar ekonomi kreatif di Ruteng"),
        ("ekonomikal sekali", None, None, "ekonomikal sekali"),
    ],
)
def test_tags_written_as_words_at_the_start(
    text: str, dimension: str | None, horizon: str | None, rest: str
) -> None:
    plain = read_leading_tags(text)
    assert (plain.dimension, plain.horizon, plain.text) == (dimension, horizon, rest)


def test_the_likeliest_dimension_comes_first() -> None:
    bts = "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus untuk pelayanan desa"
    assert ranked_dimensions(bts, KEYWORDS)[0] == "governance"
    assert likeliest_dimension(bts, KEYWORDS) == "governance"
    assert likeliest_dimension("Puskesmas keliling dengan ambulans desa", KEYWORDS) == "living"
    assert likeliest_dimension("Festival budaya dan promosi wisata Wae Rebo", KEYWORDS) == (
        "branding"
    )
    assert likeliest_dimension("Recycling waste at the market", KEYWORDS) == "environment"
    assert likeliest_dimension("Sesuatu yang lain sama sekali", KEYWORDS) is None
    # Nothing matched: the usual order.
    assert ranked_dimensions("Sesuatu yang lain", KEYWORDS)[:2] == ["governance", "branding"]


def test_keywords_come_from_the_workshop_file(tmp_path: Path) -> None:
    base = DEFAULT_WORKSHOP.read_text(encoding="utf-8").split("[keywords]")[0]
    edited = tmp_path / "region.toml"
    edited.write_text(base + '[keywords]\nliving = ["Sawah"]\n', encoding="utf-8")
    keywords = load_workshop(edited).keywords_by_dimension
    assert keywords == {"living": ("sawah",)}
    assert likeliest_dimension("Irigasi sawah di Satar Mese", keywords) == "living"
    edited.write_text(base + '[keywords]\nfarming = ["sawah"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="farming"):
        load_workshop(edited)
    edited.write_text(base, encoding="utf-8")
    assert load_workshop(edited).keywords == ()
