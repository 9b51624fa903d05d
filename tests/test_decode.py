"""Bytes in any encoding become the right text; binary formats are refused by name."""

from __future__ import annotations

import codecs
import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thresher.errors import DecodeError, UnsupportedInputError
from thresher.html.decode import decode_page

RUSSIAN = "Москва — столица России, крупнейший город страны."
GERMAN = "Grüße aus München: Straßenbahn, Bäckerei, Öffnungszeiten für Äpfel."


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_utf8_bom_wins_over_a_wrong_declaration() -> None:
    raw = b"\xef\xbb\xbf" + page(GERMAN, '<meta charset="iso-8859-1">').encode()
    assert GERMAN in decode_page(raw).text


def test_utf16_with_bom() -> None:
    assert RUSSIAN in decode_page(page(RUSSIAN).encode("utf-16")).text


def test_declared_meta_charset() -> None:
    raw = page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    assert RUSSIAN in decode_page(raw.encode("cp1251")).text


def test_declared_shift_jis() -> None:
    text = "東京は日本の首都であり、世界最大の都市圏を持つ。"
    raw = page(text, '<meta charset="Shift_JIS">').encode("shift_jis")
    assert text in decode_page(raw).text


def test_xml_prolog_encoding() -> None:
    raw = ('<?xml version="1.0" encoding="ISO-8859-2"?>' + page("Zażółć gęślą jaźń")).encode("iso-8859-2")
    assert "Zażółć gęślą jaźń" in decode_page(raw).text


def test_latin1_label_means_windows_1252_as_in_browsers() -> None:
    raw = page("It’s a “quote”", '<meta charset="ISO-8859-1">').encode("cp1252")
    assert "It’s a “quote”" in decode_page(raw).text


def test_undeclared_legacy_encoding_is_detected() -> None:
    text = " ".join([RUSSIAN] * 20)
    assert RUSSIAN in decode_page(page(text).encode("cp1251")).text


def test_unknown_label_is_ignored() -> None:
    raw = page(GERMAN, '<meta charset="x-no-such-charset">').encode()
    assert GERMAN in decode_page(raw).text


def test_wrong_declaration_falls_back_to_utf8() -> None:
    raw = page(RUSSIAN, '<meta charset="ascii">').encode()
    assert RUSSIAN in decode_page(raw).text


@pytest.mark.parametrize(
    "raw, name",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (bytes(1000), "binary"),
    ],
)
def test_binary_formats_are_refused_by_name(raw: bytes, name: str) -> None:
    with pytest.raises(UnsupportedInputError, match=name):
        decode_page(raw)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_text_or_a_library_error(raw: bytes) -> None:
    with contextlib.suppress(UnsupportedInputError, DecodeError):
        assert isinstance(decode_page(raw).text, str)


def test_utf16_without_bom() -> None:
    assert RUSSIAN in decode_page(page(RUSSIAN).encode("utf-16-le")).text
    assert GERMAN in decode_page(page(GERMAN).encode("utf-16-be")).text


def test_valid_utf8_bytes_are_kept_for_the_parser_and_other_encodings_are_not() -> None:
    raw = page(GERMAN, '<meta charset="utf-8">').encode("utf-8")
    assert decode_page(raw) == (raw.decode("utf-8"), raw)
    undeclared = page(RUSSIAN).encode("utf-8")
    assert decode_page(undeclared).utf8 is undeclared
    assert decode_page(page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251")).utf8 is None
    assert decode_page(codecs.BOM_UTF8 + raw).utf8 is None  # (the mark is not part of the text)


@given(st.text(max_size=300))
def test_kept_bytes_are_always_the_text_in_utf8(text: str) -> None:
    raw = page(text).encode("utf-8", "surrogatepass")
    with contextlib.suppress(UnsupportedInputError, DecodeError):
        decoded = decode_page(raw)
        assert decoded.utf8 is None or decoded.utf8 == decoded.text.encode("utf-8")
