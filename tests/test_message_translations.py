"""Every problem message a document can show has an Indonesian rendering.

The documents show the messages of proposal intake, of the review panel and scoresheets and
of the agency registry, written in English where they are made (`kipp validate` prints them
as they are). `kipp.core.validation.in_indonesian` renders them for Indonesian documents by
pattern; a message no pattern knows would reach an Indonesian document in English. So the
message templates are collected from the source (every string given as a problem's message,
an unread file's reason, an error's text) and each is checked, with sample values put in
place of the parts only known at run time.
"""

from __future__ import annotations

import ast
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import kipp
from kipp.core.i18n import Lang
from kipp.core.validation import in_indonesian, is_translated
from kipp.documents.render.views import localised
from kipp.intake import proposals as intake_batch

SRC = Path(kipp.__file__).resolve().parent

# The modules whose messages reach the documents, and for each the calls whose argument at
# the given position is a message. Keyword arguments named in MESSAGE_KEYWORDS are messages
# in every call. `rubric.py` only lends `rubric_message` to the panel (rubric errors
# themselves stop a run before any document is written).
COMMON_CALLS = {
    "Unreadable": 0,
    "YamlProblem": 0,
    "DateFormatError": 0,
    "ValueError": 0,
    "KeyProblem": 2,
}
MODULES: dict[str, dict[str, int]] = {
    "intake/batch.py": {"problem": 2},
    "intake/csv_loader.py": {},
    "intake/json_loader.py": {},
    "intake/markdown_loader.py": {"_error": 2},
    "intake/messages.py": {},
    "intake/reading.py": {},
    "intake/records.py": {"problem": 2},
    "intake/table.py": {},
    "intake/xlsx_loader.py": {},
    "intake/yaml_loader.py": {},
    "intake/yaml_source.py": {},
    "models.py": {"_error": 1},
    "dates.py": {},
    "keys.py": {},
    "reviews/ingest.py": {"problem": 4},
    "reviews/reading.py": {},
    "reviews/panel.py": {},
    "compliance.py": {"failed": 0},
    "rubric.py": {},
}
CALLS_SCANNED = {name for name in MODULES if name != "rubric.py"}
MESSAGE_KEYWORDS = {"message", "reason", "warning"}
# Functions whose returned text is a message (or the start of one).
MESSAGE_FUNCTIONS = {
    "describe",
    "rubric_message",
    "unknown_key_message",
    "_unknown_column",
    "_unknown_key",
    "_message",
}
# What a part only known at run time (a value, a count, a name) may look like.
FILLERS = ("x", "1", "'x'")
MAX_CANDIDATES = 4096

# Words that betray an English sentence; the Indonesian renderings keep only names (file
# types, settings, column headers) in English.
ENGLISH_WORDS = {
    "the", "is", "not", "and", "a", "an", "of", "to", "it", "be", "write", "save", "use",
    "give", "check", "copy", "keep", "add", "must", "should", "this", "these", "its", "has",
    "than", "more", "only", "no", "read", "row", "column", "sheet", "file", "empty",
    "missing", "required", "unknown", "allowed", "one", "each", "again", "export", "given",
    "twice", "already", "used", "scored", "ask", "another", "works", "at", "with", "or",
}  # fmt: skip


def english_words(text: str) -> set[str]:
    """The English words of `text` outside quotes and code (values, names, commands)."""
    bare = re.sub(r"'[^']*'|`[^`]*`", " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", bare) if w.lower() in ENGLISH_WORDS}


# A message template: the variants it can take (each must have a rendering), each variant
# being the texts it may read as once the run-time parts are filled in (one must match).
Variants = list[list[str]]


@dataclass
class Module:
    path: Path
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # name -> module file
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    constants: dict[str, list[ast.expr]] = field(default_factory=dict)


_MODULES: dict[Path, Module] = {}


def module(path: Path) -> Module:
    if path not in _MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = Module(path, tree)
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kipp"):
                target = SRC.parent / (node.module.replace(".", "/") + ".py")
                for alias in node.names:
                    found.imports[alias.asname or alias.name] = str(target)
            elif isinstance(node, ast.Assign):
                for target_node in node.targets:
                    if isinstance(target_node, ast.Name):
                        found.constants.setdefault(target_node.id, []).append(node.value)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                found.functions[node.name] = node
        _MODULES[path] = found
    return _MODULES[path]


class Collector:
    """Turns message expressions into variants; `None` for text only known at run time."""

    def __init__(self, mod: Module) -> None:
        self.mod = mod
        self.depth = 0

    def local_assignments(self, scope: ast.AST | None, name: str) -> list[ast.expr]:
        if scope is None:
            return []
        return [
            node.value
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        ]

    def variants(self, node: ast.expr, scope: ast.AST | None) -> Variants | None:
        if self.depth > 6:
            return None
        self.depth += 1
        try:
            return self._variants(node, scope)
        finally:
            self.depth -= 1

    def _variants(self, node: ast.expr, scope: ast.AST | None) -> Variants | None:
        if isinstance(node, ast.Constant):
            return [[node.value]] if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = [
                self.variants(v.value, scope)
                if isinstance(v, ast.FormattedValue)
                else self.variants(v, scope)
                for v in node.values
            ]
            return join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return join([self.variants(node.left, scope), self.variants(node.right, scope)])
        if isinstance(node, ast.IfExp):
            return either(self.variants(node.body, scope), self.variants(node.orelse, scope))
        if isinstance(node, ast.Name):
            values = self.local_assignments(scope, node.id) or self.mod.constants.get(node.id, [])
            if values:
                return either(*(self.variants(v, scope) for v in values))
            if node.id in self.mod.imports:
                other = Collector(module(Path(self.mod.imports[node.id])))
                values = other.mod.constants.get(node.id, [])
                return either(*(other.variants(v, None) for v in values)) if values else None
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            function = self.mod.functions.get(node.func.id)
            if function is not None:
                return self.returns(function)
        return None

    def returns(self, function: ast.FunctionDef) -> Variants | None:
        found = [
            self.variants(node.value, function)
            for node in ast.walk(function)
            if isinstance(node, ast.Return) and node.value is not None
        ]
        return either(*found)


def join(parts: list[Variants | None]) -> Variants:
    """Concatenation: one variant per combination of the parts' variants."""
    filled: list[Variants] = [[list(FILLERS)] if p is None else p for p in parts]
    result = []
    for combination in itertools.product(*filled):
        texts = itertools.islice(itertools.product(*combination), MAX_CANDIDATES)
        result.append(["".join(t) for t in texts])
    return result


def either(*options: Variants | None) -> Variants | None:
    """Alternatives: every one of them is a variant of its own."""
    known = [o for o in options if o is not None]
    if not known:
        return None
    dynamic = [list(FILLERS)] if len(known) < len(options) else []
    return [v for o in known for v in o] + dynamic


def message_expressions(mod: Module, calls: dict[str, int]) -> list[tuple[int, ast.expr, ast.AST]]:
    """(line, expression, enclosing function) of every message given in the module."""
    found = []
    positions = {**COMMON_CALLS, **calls}
    functions = [n for n in ast.walk(mod.tree) if isinstance(n, ast.FunctionDef)]

    def enclosing(node: ast.AST) -> ast.AST | None:
        inside = [
            f
            for f in functions
            if f.lineno <= getattr(node, "lineno", 0) <= (f.end_lineno or f.lineno)
        ]
        return min(inside, key=lambda f: (f.end_lineno or f.lineno) - f.lineno, default=None)

    if mod.path.relative_to(SRC).as_posix() in CALLS_SCANNED:
        for node in ast.walk(mod.tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else node.func.attr
                if isinstance(node.func, ast.Attribute)
                else ""
            )
            for keyword in node.keywords:
                if keyword.arg in MESSAGE_KEYWORDS:
                    found.append((node.lineno, keyword.value, enclosing(node)))
            index = positions.get(name)
            if index is not None and len(node.args) > index:
                found.append((node.lineno, node.args[index], enclosing(node)))
    for function in mod.functions.values():
        if function.name in MESSAGE_FUNCTIONS:
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    found.append((node.lineno, node.value, function))
    return found


def message_templates() -> list[tuple[str, list[str]]]:
    """Every message variant of the scanned modules, as (`module:line`, its texts)."""
    templates = []
    for name in MODULES:
        mod = module(SRC / name)
        collector = Collector(mod)
        for line, expression, scope in message_expressions(mod, MODULES[name]):
            variants = collector.variants(expression, scope)
            for texts in variants or []:
                if set(texts) <= set(FILLERS):
                    continue  # passed on from elsewhere (an exception's text, a parameter)
                templates.append((f"{name}:{line}", texts))
    return templates


TEMPLATES = message_templates()


def test_the_scan_finds_the_message_sites_of_every_module() -> None:
    per_module = {name.split(":")[0] for name, _ in TEMPLATES}

    # yaml_loader only passes on the messages of yaml_source and reading
    assert per_module == set(MODULES) - {"intake/yaml_loader.py"}
    assert len(TEMPLATES) > 150


@pytest.mark.parametrize(
    ("site", "texts"), TEMPLATES, ids=[f"{site}-{i}" for i, (site, _) in enumerate(TEMPLATES)]
)
def test_every_message_written_for_documents_has_an_indonesian_rendering(
    site: str, texts: list[str]
) -> None:
    rendered = [
        (text, in_indonesian(text))
        for text in texts
        if is_translated(text) and not english_words(in_indonesian(text))
    ]
    assert rendered, f"{site}: no Indonesian pattern for {texts[:3]}"


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        (
            "same title as batch/a.yaml, batch/b.md; each proposal needs its own title "
            "(the same innovation is proposed once)",
            "judul sama dengan batch/a.yaml, batch/b.md; setiap proposal perlu judul sendiri "
            "(satu inovasi hanya diusulkan sekali)",
        ),
        (
            "column is not a proposal field, so it is not read; did you mean 'judul'?",
            "kolom ini bukan isian proposal, jadi tidak dibaca; mungkin maksudnya 'judul'?",
        ),
        (
            "file is 25.0 MB, over the 20.0 MB limit for this kind of file; split it, or "
            "raise the limit with --max-file-mb",
            "berkas berukuran 25,0 MB, melebihi batas 20,0 MB untuk jenis berkas ini; pecah "
            "berkasnya, atau naikkan batasnya dengan --max-file-mb",
        ),
        (
            "more than 10,000 rows below the header (blank rows count too); split the export "
            "into smaller files",
            "lebih dari 10.000 baris di bawah baris judul kolom (baris kosong ikut dihitung); "
            "pecah ekspornya menjadi beberapa berkas yang lebih kecil",
        ),
        (
            "holds a single value (int), not one proposal; write the fields as a mapping "
            "(key: value), one proposal per file, or use .csv/.xlsx for many",
            "berisi satu nilai (int), bukan satu proposal; tulis isian sebagai kumpulan "
            "(kunci: nilai), satu proposal per berkas, atau gunakan .csv/.xlsx untuk banyak "
            "proposal",
        ),
        (
            "'9' is not a score on the scale 1 to 5; give a whole number from 1 to 5",
            "'9' bukan nilai pada skala 1 sampai 5; berikan bilangan bulat dari 1 sampai 5",
        ),
        (
            "'ani' already scored 'si-parto' in _reviews/ani.csv row 3; this row is not used",
            "'ani' sudah menilai 'si-parto' di _reviews/ani.csv baris 3; baris ini tidak dipakai",
        ),
        (
            "no `reviewer` or `proposal` column; row 1 must hold the headers of the scoresheet "
            "kipp assign wrote (reviewer, proposal, criteria)",
            "tidak ada kolom `reviewer` atau `proposal`; baris 1 harus memuat judul kolom lembar "
            "penilaian yang ditulis kipp assign (reviewer, proposal, kriteria)",
        ),
        (
            "'ani' works at Dinas Kesehatan, the proposal's agency; these scores are not used, "
            "ask another reviewer",
            "'ani' bekerja di Dinas Kesehatan, instansi pengusul proposal ini; nilai ini tidak "
            "dipakai, mintalah juri lain",
        ),
        (
            "'Dinkes' names both 'Dinas Kesehatan' and 'Dinas Sosial'; a name or alias may "
            "belong to one agency only",
            "'Dinkes' menamai 'Dinas Kesehatan' sekaligus 'Dinas Sosial'; satu nama atau alias "
            "hanya boleh milik satu instansi",
        ),
        (
            "unsupported file type (no extension); kipp reads .csv, .json",
            "jenis berkas (tanpa ekstensi) tidak didukung; kipp membaca .csv, .json",
        ),
    ],
)
def test_messages_read_in_indonesian_with_their_values_converted(
    english: str, indonesian: str
) -> None:
    assert localised(english, Lang.ID) == indonesian
    assert localised(english, Lang.EN) == english


def test_every_hint_for_an_unsupported_file_type_reads_in_indonesian() -> None:
    hints = [*intake_batch._HINTS.values(), f"kipp reads {intake_batch.SUPPORTED}"]

    for hint in hints:
        rendered = in_indonesian(f"unsupported file type '.x'; {hint}")
        assert rendered.startswith("jenis berkas '.x' tidak didukung; ")
        assert english_words(rendered) == set(), rendered


def test_a_message_no_pattern_knows_is_shown_as_written() -> None:
    assert in_indonesian("a message no pattern knows") == "a message no pattern knows"
    assert not is_translated("a message no pattern knows")
