"""Safe YAML with line numbers: parse text into plain data and the line of every key.

Built on PyYAML's composer (the C one when available, for speed), then a bounded walk of the
node graph. Anchors and aliases are expanded under a budget counted before anything is
built, so an alias bomb ("billion laughs") or a self-referencing alias is refused instead of
exhausting memory or looping. Only YAML's own kinds of value are read (text, numbers,
yes/no, null, dates, lists, mappings): any other tag (`!!python/object/apply`, `!!binary`,
`!!set`, `!local`) is refused, naming the tag. The source text of every value read as
something other than text is kept (`Parsed.written`), so that a message names it as written.
A text that is not YAML is refused with what is wrong and its fix in kipp's own sentences
(`yaml_mistake` maps every problem text of libyaml and PyYAML to one), located on the line
where the mistake was made; the parser's English never reaches a reader.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.reader import ReaderError

from kipp.core.i18n import Lang, Text, render, text
from kipp.core.keys import RawPath
from kipp.core.numbers import as_written

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

DEFAULT_MAX_NODES = 100_000
_YAML = "tag:yaml.org,2002:"
_MERGE = _YAML + "merge"
_STR = _YAML + "str"
_VALUE = _YAML + "value"  # `=` alone, which PyYAML resolves to a tag it cannot build
_SCALAR_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_COLLECTION_TAGS = {yaml.MappingNode: _YAML + "map", yaml.SequenceNode: _YAML + "seq"}
MAX_DEPTH = 100  # a proposal nests 4 levels; refuse long before Python's recursion limit
TOO_DEEP = text("yaml.too_deep", levels=MAX_DEPTH)


class YamlProblem(Exception):
    """The text is not YAML we accept; `line` is 1-based where known."""

    def __init__(self, message: Text, line: int | None = None) -> None:
        super().__init__(render(message, Lang.EN))
        self.message = message
        self.line = line


@dataclass
class Parsed:
    """Plain data (dicts, lists, scalars), the 1-based line of each key and list item, and
    the source text of each plain scalar read as something other than text (`yes`,
    `2019-07-01`, `1.10`, `~`), by its path."""

    data: Any
    lines: dict[RawPath, int] = field(default_factory=dict)
    written: dict[RawPath, str] = field(default_factory=dict)


def _line_at(source: str, mark: yaml.Mark | None) -> str:
    """The text of the line `mark` stands on ("" where there is none)."""
    if mark is None:
        return ""
    lines = source.splitlines()
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def _at(source: str, mark: yaml.Mark | None) -> str:
    """The character of `source` at `mark` ("" where there is none)."""
    line = _line_at(source, mark)
    return line[mark.column] if mark is not None and 0 <= mark.column < len(line) else ""


# The parser's words for what is wrong, as the catalogue sentence that says it in kipp's:
# libyaml's (the C loader, used when PyYAML has it: libyaml's `src/*.c` and PyYAML's
# `_yaml.pyx`) and PyYAML's own (`reader.py`, `scanner.py`, `parser.py`, `composer.py`, and the
# merge keys of `constructor.py`). Where one problem text serves several mistakes, the context
# decides. `tests/intake/test_yaml_mistakes.py` walks every text both can raise.
_BY_CONTEXT = (
    ("while scanning a block scalar", "yaml.block_scalar"),
    ("while scanning an alias", "yaml.alias_start"),
    ("while scanning an anchor", "yaml.alias_start"),
    ("while scanning a tag", "yaml.tag_syntax"),
    ("while parsing a tag", "yaml.tag_syntax"),
    ("found duplicate anchor", "yaml.anchor_twice"),
)
_BY_PROBLEM = (
    ("mapping values are not allowed", "yaml.colon_in_value"),
    ("found unexpected ':'", "yaml.colon_in_value"),
    ("found unexpected end of stream", "yaml.open_quote"),
    ("found unexpected document indicator", "yaml.open_quote"),
    ("found unexpected document separator", "yaml.open_quote"),
    ("found unknown escape character", "yaml.escape"),
    ("did not find expected hexdecimal number", "yaml.escape"),
    ("found invalid Unicode character escape code", "yaml.escape"),
    ("expected escape sequence of", "yaml.escape"),
    ("did not find expected ',' or ']'", "yaml.open_sequence"),
    ("expected ',' or ']'", "yaml.open_sequence"),
    ("did not find expected ',' or '}'", "yaml.open_mapping"),
    ("expected ',' or '}'", "yaml.open_mapping"),
    ("but found another document", "yaml.two_documents"),
    ("did not find expected <document start>", "yaml.document_start"),
    ("expected '<document start>'", "yaml.document_start"),
    ("found undefined alias", "yaml.undefined_alias"),
    ("found character", "yaml.reserved_start"),  # ... that cannot start any token
    ("block sequence entries are not allowed", "yaml.dash_in_value"),
    ("sequence entries are not allowed", "yaml.dash_in_value"),
    ("mapping keys are not allowed", "yaml.question_mark"),
    ("could not find expected ':'", "yaml.no_colon"),
    # the commonest: a line indented unlike its siblings, or text after a value that ended at
    # a closing quote or bracket; `_block_end` tells them apart by where the parser stopped
    ("did not find expected key", "yaml.indentation"),
    ("did not find expected '-' indicator", "yaml.indentation"),
    ("expected <block end>", "yaml.indentation"),
    ("did not find expected node content", "yaml.no_value"),
    ("expected the node content", "yaml.no_value"),
    ("found undefined tag handle", "yaml.tag_syntax"),
    ("expected URI", "yaml.tag_syntax"),
    ("expected '!'", "yaml.tag_syntax"),
    ("duplicate tag handle", "yaml.directive"),
    ("found incompatible YAML document", "yaml.directive"),
    ("found unknown directive name", "yaml.directive"),
    ("exceeded maximum nesting depth", "yaml.too_deep"),
    ("Maximum nesting level reached", "yaml.too_deep"),  # libyaml after 0.2.5
    ("control characters are not allowed", "yaml.control_character"),
    ("special characters are not allowed", "yaml.control_character"),
    ("expected a mapping for merging", "yaml.merge"),
    ("expected a mapping or list of mappings for merging", "yaml.merge"),
)
# located where the quote, bracket, directive or tag opened, not where the parser gave up
_WHERE_OPENED = frozenset(
    {
        "yaml.open_quote",
        "yaml.open_sequence",
        "yaml.open_mapping",
        "yaml.no_colon",
        "yaml.tag_syntax",
        "yaml.directive",
    }
)
_SAID_AS_IS = frozenset(
    {
        "yaml.escape",
        "yaml.two_documents",
        "yaml.document_start",
        "yaml.dash_in_value",
        "yaml.question_mark",
        "yaml.merge",
    }
)
_CLOSING = {yaml.FlowSequenceEndToken: ("[", "]"), yaml.FlowMappingEndToken: ("{", "}")}
_OPENING = {yaml.FlowSequenceStartToken: ("[", "]"), yaml.FlowMappingStartToken: ("{", "}")}
_QUOTES = ("'", '"')
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's, as its marks count lines


def yaml_mistake(context: str, problem: str) -> str:
    """The catalogue key of the mistake a parser names by its `context` and `problem` texts;
    `yaml.invalid` for a text kipp does not know."""
    if "tab character" in problem or "'\\t'" in problem:
        return "yaml.tab"
    if "directive" in context or "directive" in problem:
        return "yaml.directive"
    for words, key in _BY_CONTEXT:
        if context.startswith(words):
            return key
    return next((key for words, key in _BY_PROBLEM if problem.startswith(words)), "yaml.invalid")


def _mistake(exc: yaml.MarkedYAMLError, source: str, offset: int) -> tuple[Text, yaml.Mark | None]:
    """What is wrong, said with its fix, and the mark of the line where it was made."""
    context = exc.context or ""
    key = yaml_mistake(context, exc.problem or "")
    found = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or exc.problem_mark
    char = _at(source, found)
    if key == "yaml.colon_in_value":
        return text(key), found
    if key == "yaml.tab" or char == "\t":  # libyaml does not always name the tab
        return text("yaml.tab"), found
    if key in _WHERE_OPENED:
        return text(key), opened
    if key in _SAID_AS_IS:
        return text(key), found
    if key == "yaml.too_deep":
        return TOO_DEEP, found
    if key in ("yaml.block_scalar", "yaml.alias_start"):
        signs = "|>" if key == "yaml.block_scalar" else "&*" if "anchor" in context else "*&"
        sign = _at(source, opened)
        if not sign or sign not in signs:
            sign = signs[0]
        return text(key, char=sign), opened
    if key == "yaml.anchor_twice" and exc.context_mark is not None:
        return text(key, line=exc.context_mark.line + 1 + offset), found
    if key == "yaml.undefined_alias" and found is not None:
        alias = re.match(r"\*[^\s,\[\]{}]*", _line_at(source, found)[found.column :])
        return text(key, alias=alias[0] if alias else "*"), found
    if key in ("yaml.reserved_start", "yaml.no_value") and char.isprintable() and char.strip():
        return text(key, char=char), found
    if key == "yaml.no_value" and found is not None and not char:
        return _ends_open(source, found, offset), found
    if key == "yaml.indentation" and found is not None:
        return _block_end(source, found, offset)
    return text("yaml.invalid"), found


def _tokens_before(source: str, mark: yaml.Mark) -> Iterator[yaml.Token]:
    """The tokens that start before `mark`, scanned again (the scan stops at any error)."""
    where = (mark.line, mark.column)
    try:
        for token in yaml.scan(source, Loader=_Loader):
            if (token.start_mark.line, token.start_mark.column) >= where:
                return
            yield token
    except yaml.YAMLError:
        return


def _block_end(source: str, found: yaml.Mark, offset: int) -> tuple[Text, yaml.Mark]:
    """Where the parser wanted a new key (or list item) and found something else: after a
    quote that ran over lines, where that quote opened; at the start of a line, that line's
    indentation; after a closing quote or bracket, the text that follows it."""
    last = next(iter(deque(_tokens_before(source, found), maxlen=1)), None)
    if isinstance(last, yaml.ScalarToken) and last.style in _QUOTES:
        start, end = last.start_mark, last.end_mark
        if start.line < end.line:
            return text("yaml.quote_spans", end=end.line + 1 + offset), start
    written_before = _line_at(source, found)[: found.column]
    if not written_before.strip():
        return text("yaml.no_key" if _at(source, found) == ":" else "yaml.indentation"), found
    if isinstance(last, yaml.ScalarToken) and last.style in _QUOTES:
        return text("yaml.after_quote"), found
    if last is not None and type(last) in _CLOSING:
        opening, closing = _CLOSING[type(last)]
        return text("yaml.after_bracket", opening=opening, closing=closing), found
    return text("yaml.invalid"), found


def _ends_open(source: str, end: yaml.Mark, offset: int) -> Text:
    """The text ended where a value was due: name the `[` or `{` still open, and its line."""
    still_open: list[yaml.Token] = []
    for token in _tokens_before(source, end):
        if type(token) in _OPENING:
            still_open.append(token)
        elif type(token) in _CLOSING and still_open:
            still_open.pop()
    if not still_open:
        return text("yaml.invalid")
    opening, closing = _OPENING[type(still_open[-1])]
    line = still_open[-1].start_mark.line + 1 + offset
    return text("yaml.ends_open", opening=opening, closing=closing, line=line)


def _reader_mistake(exc: ReaderError, source: str) -> tuple[Text, int]:
    """A character YAML does not accept (a control character pasted in with the text), and
    its 1-based line: PyYAML counts characters, libyaml the bytes of the UTF-8 it was given."""
    position = int(exc.position)
    if exc.encoding == "unicode":
        before = source[:position]
    else:
        before = source.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore")
    line = len(_LINE_BREAK.findall(before)) + 1
    if yaml_mistake("", str(exc.reason)) == "yaml.control_character":
        return text("yaml.control_character", code=f"U+{int(exc.character):04X}"), line
    return text("yaml.invalid"), line


def parse_yaml(
    source: str,
    *,
    line_offset: int = 0,
    max_nodes: int = DEFAULT_MAX_NODES,
    written_numbers: bool = False,
) -> Parsed:
    """Parse one YAML document. `line_offset` shifts lines (front matter inside Markdown).
    With `written_numbers`, every number remembers the text it was written as
    (`kipp.core.numbers.as_written`): YAML reads `4.870` as 4.87, which a proposal's figure
    reads the Indonesian way, as 4870. A text that is not YAML is refused with what is wrong
    in kipp's words (the parser's own never reach a reader) and the line where it was made."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = _Loader(source)  # PyYAML's own reader refuses control characters here
        node = loader.get_single_node()
        if node is None:
            return Parsed(data=None)
        walker = _Walker(loader, line_offset, max_nodes, written_numbers)
        data = walker.build(node, ())
        return Parsed(data=data, lines=walker.lines, written=walker.written_text)
    except yaml.MarkedYAMLError as exc:
        message, mark = _mistake(exc, source, line_offset)
        line = mark.line + 1 + line_offset if mark is not None else None
        raise YamlProblem(message, line) from None
    except ReaderError as exc:
        message, line = _reader_mistake(exc, source)
        raise YamlProblem(message, line + line_offset) from None
    except yaml.YAMLError:
        raise YamlProblem(text("yaml.invalid")) from None
    except RecursionError:  # merge keys (`<<`) nesting past the depth check, or PyYAML's own
        raise YamlProblem(TOO_DEEP) from None
    finally:
        if loader is not None:
            loader.dispose()


def _tag_as_written(tag: str) -> str:
    """A tag as people write it: `!!python/name:os.system` for YAML's own prefix."""
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


class _Walker:
    def __init__(
        self, loader: yaml.SafeLoader, line_offset: int, max_nodes: int, written: bool = False
    ) -> None:
        self.loader = loader
        self.written = written
        self.offset = line_offset
        self.max_nodes = max_nodes
        self.budget = max_nodes
        self.lines: dict[RawPath, int] = {}
        self.written_text: dict[RawPath, str] = {}
        self.open: set[int] = set()  # ids of the collections being built, to catch loops
        self.merged: dict[int, int] = {}  # id of a mapping -> how many pairs came from `<<`

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def _spend(self, node: yaml.Node, path: RawPath) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem(text("yaml.too_many_values", count=self.max_nodes), self._line(node))
        if len(path) >= MAX_DEPTH:
            raise YamlProblem(TOO_DEEP, self._line(node))

    def build(self, node: yaml.Node, path: RawPath) -> Any:
        self._spend(node, path)
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            value = self._scalar(node)
            if isinstance(node, yaml.ScalarNode) and not node.style and not isinstance(value, str):
                self.written_text[path] = str(node.value).strip()
                if self.written:
                    return as_written(value, str(node.value))
            return value
        if node.tag != _COLLECTION_TAGS[type(node)]:
            raise YamlProblem(text("yaml.tag", tag=_tag_as_written(node.tag)), self._line(node))
        if id(node) in self.open:
            raise YamlProblem(text("yaml.alias_loop"), self._line(node))
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            items = []
            for index, item_node in enumerate(node.value):
                child = (*path, index)
                self.lines[child] = self._line(item_node)
                items.append(self.build(item_node, child))
            return items
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: RawPath) -> dict[Any, Any]:
        merged = self.merged.get(id(node))
        if merged is None:  # first visit; an alias visits the flattened node again
            explicit = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE)
            self.loader.flatten_mapping(node)  # merged (`<<: *base`) pairs come first
            merged = self.merged[id(node)] = len(node.value) - explicit
        result: dict[Any, Any] = {}
        from_merge: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = self._scalar_key(key_node)
            if key in result:
                if index < merged:  # of two merged mappings, the first one named wins
                    continue
                if key not in from_merge:
                    raise YamlProblem(text("yaml.key_twice", key=str(key)), self._line(key_node))
            if index < merged:
                from_merge.add(key)
            else:
                from_merge.discard(key)  # a key written out overrides the merged one
            child = (*path, key)
            self.lines[child] = self._line(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in (_STR, _VALUE) and isinstance(node, yaml.ScalarNode):
            return node.value  # what the constructor gives for text, without its bookkeeping
        if node.tag not in _SCALAR_TAGS:
            raise YamlProblem(text("yaml.tag", tag=_tag_as_written(node.tag)), self._line(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, AttributeError, OverflowError, KeyError, yaml.YAMLError):
            # PyYAML raises plain errors for text that looks like a typed value but is not
            # one (`2019-02-30` resolves as a timestamp): keep the text as written and let
            # validation say what is wrong with it.
            self.loader.recursive_objects.pop(node, None)  # else an alias to it would fail
            return str(node.value)

    def _scalar_key(self, node: yaml.Node) -> str | int:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlProblem(text("yaml.key_not_plain"), self._line(node))
        key = self._scalar(node)
        if isinstance(key, bool) or not isinstance(key, str | int):
            return str(node.value)
        return key
