"""Safe YAML with line numbers: parse text into plain data and the line of every key.

Built on PyYAML's composer (the C one when available, for speed), then a bounded walk of the
node graph. Anchors and aliases are expanded under a budget counted before anything is
built, so an alias bomb ("billion laughs") or a self-referencing alias is refused instead of
exhausting memory or looping. Only YAML's own kinds of value are read (text, numbers,
yes/no, null, dates, lists, mappings): any other tag (`!!python/object/apply`, `!!binary`,
`!!set`, `!local`) is refused, naming the tag. The source text of every value read as
something other than text is kept (`Parsed.written`), so that a message names it as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

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


def _at(source: str, mark: yaml.Mark | None) -> str:
    """The character of `source` at `mark` ("" where there is none)."""
    if mark is None:
        return ""
    lines = source.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _common_mistake(exc: yaml.MarkedYAMLError, source: str) -> tuple[Text, yaml.Mark | None] | None:
    """The mistakes people make most when they write YAML by hand, said with their fix and
    located where they were made: a colon and a space inside a value (a title such as
    `MAGIS: Mojokerto ...`), a tab, a quote or a `[`/`{` left open (found only further on,
    so located where it opened), a second document. None for any other error: the parser's
    own words then."""
    problem, context = exc.problem or "", exc.context or ""
    if problem.startswith("mapping values are not allowed"):
        return text("yaml.colon_in_value"), exc.problem_mark
    tab = "'\\t'" in problem or "tab character" in problem
    if tab or _at(source, exc.problem_mark) == "\t":  # libyaml does not always say so
        return text("yaml.tab"), exc.problem_mark
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        return text("yaml.open_quote"), exc.context_mark or exc.problem_mark
    for kind, closing in (("sequence", "]"), ("mapping", "}")):
        if context == f"while parsing a flow {kind}" and f"',' or '{closing}'" in problem:
            return text(f"yaml.open_{kind}"), exc.context_mark or exc.problem_mark
    if problem == "but found another document":
        return text("yaml.two_documents"), exc.problem_mark
    return None


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
    reads the Indonesian way, as 4870."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(data=None)
        walker = _Walker(loader, line_offset, max_nodes, written_numbers)
        data = walker.build(node, ())
        return Parsed(data=data, lines=walker.lines, written=walker.written_text)
    except yaml.MarkedYAMLError as exc:
        found = _common_mistake(exc, source)
        if found is not None:
            message, mark = found
        else:
            mark = exc.problem_mark or exc.context_mark
            message = text("yaml.invalid", detail=exc.problem or exc.context or "not valid YAML")
        line = mark.line + 1 + line_offset if mark is not None else None
        raise YamlProblem(message, line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(text("yaml.invalid", detail=str(exc))) from None
    except RecursionError:  # merge keys (`<<`) nesting past the depth check
        raise YamlProblem(TOO_DEEP) from None
    finally:
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
