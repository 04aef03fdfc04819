"""Parsing of ``parse_mode`` text the way Telegram does it.

Telegram rejects a whole message with 400 "can't parse entities: ..." when the markup is
invalid, and the user receives nothing. The commonest cause is user-supplied text (a name with
``<`` or ``&``, an idea ending in a full stop) pasted unescaped into HTML or MarkdownV2. The
emulator reproduces the parser closely enough that such a bot fails in tests, and it returns the
plain text plus entities (offsets in UTF-16 code units) so length limits are counted on the text
after markup is removed, as Telegram counts them.

Error messages follow tdlib's wording. One deliberate difference: a bare ``&`` that does not
start a valid entity is an error here, while Telegram keeps it literally. Being stricter catches
text that was not passed through ``html.escape`` before it meets a ``<``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EntityParseError", "parse_text", "utf16_len"]


class EntityParseError(ValueError):
    """Invalid markup; ``str(err)`` is the detail after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


@dataclass
class _Open:
    """An entity whose start has been seen but not its end."""

    type: str
    tag: str
    offset: int
    byte_offset: int
    args: dict[str, Any] = field(default_factory=dict)


class _Builder:
    """Accumulates plain text and entities, tracking the UTF-16 offset as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.offset += utf16_len(chunk)

    def close(self, entity: _Open) -> None:
        length = self.offset - entity.offset
        if length <= 0:
            return  # Telegram silently drops empty entities.
        item: dict[str, Any] = {"type": entity.type, "offset": entity.offset, "length": length}
        item.update(entity.args)
        self.entities.append(item)

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), entities


# ---------------------------------------------------------------- HTML

_HTML_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,4}));")


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity starting at ``pos`` (an ``&``); None if it is not one."""
    match = _ENTITY_RE.match(text, pos)
    if match is None:
        return None
    dec, hexa, name = match.groups()
    if name is not None:
        value = _NAMED_ENTITIES.get(name)
        if value is None:
            return None
        return value, match.end()
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _decode_attr(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            decoded = _decode_entity(value, i)
            if decoded is not None:
                out.append(decoded[0])
                i = decoded[1]
                continue
        out.append(value[i])
        i += 1
    return "".join(out)


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse ``name="value"`` pairs up to the closing ``>``; returns them and the index after."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i + 1
        start = i
        while i < n and (text[i].isalnum() or text[i] in "-_"):
            i += 1
        name = text[start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] != "=":
            if text[i] == ">" or text[i].isalnum():
                attrs[name] = ""  # a value-less attribute such as <blockquote expandable>
                continue
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {_byte_offset(text, begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end == -1:
                raise EntityParseError(
                    f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            value = text[i + 1 : end]
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            value = text[start:i]
        attrs[name] = _decode_attr(value)


def _parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    out = _Builder()
    stack: list[_Open] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}; write it as "&amp;"'
                )
            out.add(decoded[0])
            i = decoded[1]
            continue
        if ch != "<":
            out.add(ch)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            end = text.find(">", i)
            if end == -1:
                raise EntityParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(text, begin)}"
                )
            name = text[i + 1 : end].strip().lower()
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}"
                )
            top = stack[-1]
            if name != top.tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{top.tag}>", found "</{name}>"'
                )
            stack.pop()
            language = top.args.get("language")
            if (
                top.type == "code"
                and language
                and stack
                and stack[-1].type == "pre"
                and stack[-1].offset == top.offset
            ):
                # <pre><code class="language-x"> is one pre entity with a language.
                stack[-1].args["language"] = language
            elif top.type != "text_link" or top.args.get("url"):
                out.close(top)
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in ">/":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[start:i].lower()
        if tag not in _HTML_TAG_TYPES:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs, i = _parse_attributes(text, i, tag, begin)
        entity = _Open(type=_HTML_TAG_TYPES[tag], tag=tag, offset=out.offset, byte_offset=begin)
        if tag == "a":
            entity.args["url"] = attrs.get("href", "")
        elif tag == "span":
            if attrs.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
        elif tag == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            if not emoji_id.isdigit():
                raise EntityParseError(
                    f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
            entity.args["custom_emoji_id"] = emoji_id
        elif tag == "code":
            css = attrs.get("class", "")
            if css.startswith("language-"):
                entity.args["language"] = css[len("language-") :]
        elif tag == "blockquote" and "expandable" in attrs:
            entity.type = "expandable_blockquote"
        stack.append(entity)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return out.result()


# ---------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


def _mdv2_is_end(entity_type: str, text: str, i: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (
        (entity_type == "bold" and ch == "*")
        or (entity_type == "italic" and ch == "_" and nxt != "_")
        or (entity_type == "underline" and ch == "_" and nxt == "_")
        or (entity_type == "strikethrough" and ch == "~")
        or (entity_type == "spoiler" and ch == "|" and nxt == "|")
        or (entity_type == "code" and ch == "`")
        or (entity_type == "pre" and text.startswith("```", i))
        or (entity_type in ("text_link", "custom_emoji") and ch == "]")
    )


def _parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    out = _Builder()
    stack: list[_Open] = []
    quote: _Open | None = None
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        in_code = bool(stack) and stack[-1].type in ("code", "pre")
        if ch == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        at_line_start = i == 0 or text[i - 1] == "\n"
        if ch == ">" and at_line_start and not in_code:
            if quote is None:
                quote = _Open(type="blockquote", tag=">", offset=out.offset, byte_offset=i)
            i += 1
            continue
        if ch == "\n" and quote is not None and not text.startswith(">", i + 1):
            out.close(quote)
            quote = None
        reserved = "`" if in_code else _MDV2_RESERVED
        if ch not in reserved:
            out.add(ch)
            i += 1
            continue
        if stack and _mdv2_is_end(stack[-1].type, text, i):
            top = stack.pop()
            if top.type in ("text_link", "custom_emoji"):
                i += 1
                url = ""
                if i < n and text[i] == "(":
                    url_start = i
                    i += 1
                    chars: list[str] = []
                    while i < n and text[i] != ")":
                        if text[i] == "\\" and i + 1 < n and text[i + 1] in ")\\":
                            chars.append(text[i + 1])
                            i += 2
                            continue
                        chars.append(text[i])
                        i += 1
                    if i >= n:
                        offset = _byte_offset(text, url_start)
                        raise EntityParseError(f"Can't find end of a URL at byte offset {offset}")
                    i += 1
                    url = "".join(chars)
                if top.type == "custom_emoji":
                    match = re.fullmatch(r"tg://emoji\?id=(\d+)", url)
                    if match is None:
                        raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                    top.args["custom_emoji_id"] = match.group(1)
                    out.close(top)
                elif url:
                    top.args["url"] = url
                    out.close(top)
                continue
            i += {"underline": 2, "spoiler": 2, "pre": 3}.get(top.type, 1)
            out.close(top)
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        entity = _Open(type="", tag=ch, offset=out.offset, byte_offset=_byte_offset(text, i))
        if ch == "_":
            entity.type = "underline" if nxt == "_" else "italic"
            i += 2 if nxt == "_" else 1
        elif ch == "*":
            entity.type = "bold"
            i += 1
        elif ch == "~":
            entity.type = "strikethrough"
            i += 1
        elif ch == "|" and nxt == "|":
            entity.type = "spoiler"
            i += 2
        elif ch == "[":
            entity.type = "text_link"
            i += 1
        elif ch == "!" and nxt == "[":
            entity.type = "custom_emoji"
            i += 2
        elif ch == "`":
            if text.startswith("```", i):
                entity.type = "pre"
                i += 3
                line_end = i
                while line_end < n and text[line_end] not in "\n`":
                    line_end += 1
                if line_end < n and text[line_end] == "\n":
                    language = text[i:line_end].strip()
                    if language:
                        entity.args["language"] = language
                    i = line_end + 1
                    entity.offset = out.offset
            else:
                entity.type = "code"
                i += 1
        else:
            raise EntityParseError(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
            )
        stack.append(entity)
    if stack:
        top = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MDV2_NAMES[top.type]} entity at byte offset {top.byte_offset}"
        )
    if quote is not None:
        out.close(quote)
    return out.result()


# ---------------------------------------------------------------- legacy Markdown

_MD_ENDS = {"*": ("bold", "*"), "_": ("italic", "_"), "`": ("code", "`"), "[": ("text_link", "]")}


def _parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: no nesting, only unclosed entities are errors."""
    out = _Builder()
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if ch not in _MD_ENDS:
            out.add(ch)
            i += 1
            continue
        begin = i
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end == -1:
                raise EntityParseError(
                    "Can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, begin)}"
                )
            entity = _Open(type="pre", tag="```", offset=out.offset, byte_offset=begin)
            out.add(text[i + 3 : end])
            out.close(entity)
            i = end + 3
            continue
        entity_type, end_char = _MD_ENDS[ch]
        end = text.find(end_char, i + 1)
        if end == -1:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}"
            )
        entity = _Open(type=entity_type, tag=ch, offset=out.offset, byte_offset=begin)
        out.add(text[i + 1 : end])
        i = end + 1
        if entity_type == "text_link":
            if i < n and text[i] == "(":
                close = text.find(")", i)
                if close == -1:
                    raise EntityParseError(
                        f"Can't find end of a URL at byte offset {_byte_offset(text, i)}"
                    )
                entity.args["url"] = text[i + 1 : close]
                i = close + 1
                out.close(entity)
            continue
        out.close(entity)
    return out.result()


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Strip markup from ``text`` per ``parse_mode``; returns plain text and its entities.

    Raises :class:`EntityParseError` for invalid markup and :class:`ValueError` for an unknown
    parse mode (Telegram: "Bad Request: unsupported parse_mode").
    """
    if parse_mode is None or parse_mode == "":
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return _parse_markdown(text)
    raise ValueError(f"unsupported parse_mode {parse_mode!r}")
