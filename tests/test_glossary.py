"""One name for each thing: the glossary's rejected variants appear in no Indonesian text of
the catalogue, and the coordinator's guide explains every term with its definition."""

from __future__ import annotations

import re
from pathlib import Path

from kipp.core.catalogue import CATALOGUE
from kipp.core.catalogue.glossary import FORM_HEADINGS, GLOSSARY, TERMS, Term
from kipp.core.i18n import Lang, tr

GUIDE = Path(__file__).parents[1] / "docs" / "panduan-koordinator.md"
TERMS_HEADING = "## Istilah yang dipakai dokumen"

# what is not prose: a {placeholder}, `code` and a 'quoted' name are written as the file or
# the command spells them
LITERALS = re.compile(r"\{[^{}]*\}|`[^`]*`|'[^']*'")


def variant_pattern(variant: str) -> re.Pattern[str]:
    """A variant as a word of its own: not part of a longer word, a file name (shortlist.md)
    or a path (scorecards/)."""
    return re.compile(rf"(?<![\w./-]){re.escape(variant)}(?![\w/-]|\.\w)", re.IGNORECASE)


def rejected_uses(entries: dict[str, dict[str, str]], terms: tuple[Term, ...]) -> list[str]:
    """`key: 'variant' (say 'term')` for every rejected variant found in an Indonesian text."""
    found = []
    for key, entry in sorted(entries.items()):
        if key.startswith(FORM_HEADINGS):
            continue
        prose = LITERALS.sub(" ", entry["id"])
        for term in terms:
            preferred = GLOSSARY[f"glossary.{term.name}"]["id"]
            found += [
                f"{key}: '{variant}' (say '{preferred}')"
                for variant in term.rejected
                if variant_pattern(variant).search(prose)
            ]
    return found


def guide_terms_section() -> str:
    """The guide's terms section, its lines joined by single spaces."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(TERMS_HEADING, 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def guide_entry(term: Term) -> str:
    """How the guide opens a term's paragraph: the term in bold, then its definition."""
    name = tr(f"glossary.{term.name}", Lang.ID)
    definition = tr(f"glossary.{term.name}.definition", Lang.ID)
    return f"**{name[0].upper()}{name[1:]}.** {definition}"


def test_indonesian_texts_use_no_rejected_variant_of_a_glossary_term() -> None:
    assert rejected_uses(CATALOGUE, TERMS) == []


def test_a_rejected_variant_is_reported_with_its_key_and_the_preferred_term() -> None:
    entries = {
        "x.draft": {"id": "Usulan daftar pendek menunggu persetujuan.", "en": "-"},
        "x.panel": {"id": "Rata-rata panel = 3,5.", "en": "-"},
    }

    assert rejected_uses(entries, TERMS) == [
        "x.draft: 'usulan' (say 'proposal')",
        "x.draft: 'usulan daftar pendek' (say 'rancangan daftar pendek')",
        "x.panel: 'panel' (say 'tim penilai')",
    ]


def test_placeholders_code_quotes_file_names_and_longer_words_are_not_variants() -> None:
    entries = {
        "x.literals": {
            "id": "{panel} dan `reviewer` di 'Sheet1'; lihat shortlist.md dan scorecards/; "
            "diusulkan, persyaratannya",
            "en": "-",
        },
        "tpl.col.attachments.evidence": {"id": "Link Bukti Dukung", "en": "-"},
    }

    assert rejected_uses(entries, TERMS) == []


def test_every_glossary_term_has_a_term_and_a_definition_entry() -> None:
    keys = {f"glossary.{term.name}" for term in TERMS}
    keys |= {f"{key}.definition" for key in keys}

    assert set(GLOSSARY) == keys
    assert len({term.name for term in TERMS}) == len(TERMS)


def test_coordinators_guide_explains_every_glossary_term_with_its_definition() -> None:
    section = guide_terms_section()

    assert [guide_entry(term) for term in TERMS if guide_entry(term) not in section] == []
