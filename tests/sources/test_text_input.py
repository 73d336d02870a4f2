"""One normalisation for every entry point: BOMs, UTF-16, NUL and control characters."""

from __future__ import annotations

import codecs

import pytest

from loaders.sources import SourceError, SourceText, iter_sources
from loaders.text_input import TextInputError, decode_text, normalise_text, text_from_bytes


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Café trial".encode(),
        codecs.BOM_UTF16_LE + "Café trial".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café trial".encode("utf-16-be"),
        codecs.BOM_UTF32_LE + "Café trial".encode("utf-32-le"),
        "Café trial".encode(),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-8"],
)
def test_every_unicode_encoding_with_its_bom_reads_as_the_same_text(data):
    assert text_from_bytes(data) == "Café trial"


def test_nul_and_control_characters_are_removed_but_layout_stays():
    text = "Title\x00\r\n\tBody\x07 with\x1b a\x85 bell\ufeff."
    assert normalise_text(text) == "Title\r\n\tBody with a bell."


def test_a_lone_surrogate_becomes_a_replacement_character():
    assert normalise_text("bad \ud800 char") == "bad \ufffd char"


@pytest.mark.parametrize("text", ["\ufeff", " \ufeff\n", "\x00\x00"])
def test_nothing_left_after_cleaning_is_an_error_not_an_empty_document(text):
    with pytest.raises(TextInputError, match="empty document"):
        normalise_text(text)


def test_bytes_errors_say_what_is_wrong():
    with pytest.raises(TextInputError, match="not UTF-8 text \\(bad byte at offset 3\\)"):
        decode_text("Caf\xe9".encode("latin-1"))
    with pytest.raises(TextInputError, match="binary"):
        decode_text(b"\x89PNG\x00\x01")


def test_a_bom_only_file_is_refused_and_a_utf16_file_is_read(tmp_path):
    bom_only = tmp_path / "bom.txt"
    bom_only.write_bytes(codecs.BOM_UTF8)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "Acme starts a trial.\n".encode("utf-16-le"))
    first, second = iter_sources([str(bom_only), str(utf16)], max_bytes=1000)
    assert isinstance(first, SourceError) and "empty document" in first.message
    assert isinstance(second, SourceText) and second.text == "Acme starts a trial.\n"
