"""Deterministic generator of synthetic proposal batches (and prior-innovation corpora).

    python -m bench.generate OUT --n 3500 --seed 1            # a batch folder of 3,500 files
    python -m bench.generate OUT.csv --corpus 50000 --seed 1  # a synthetic prior corpus

As a library:

- `make_proposal(rng, index, ...)` one proposal as a dict with canonical keys;
- `corpus_row(rng, index, ...)` one row in the columns of `prior-innovations.csv`;
- `generate_batch(folder, n, seed)` a folder of n files in mixed formats, with a few
  deliberately invalid and unreadable ones, and `_manifest.json` saying what each file
  holds and how intake should judge it (files starting with `_` are ignored by intake);
- `generate_corpus(path, m, seed)` a corpus CSV of m synthetic prior innovations.

Everything is synthetic: regions are "Kota Contoh ..." / "Kabupaten Contoh ...", ids start
with `gen-`, people are invented. Text comes from sentence templates (`bench.pools`) filled
per proposal; a share of proposals also reuse the description of a real prior innovation
(from the corpus shipped with kipp) as a seed sentence, recorded as `seed_prior` in the
manifest so that novelty benchmarks know which pairs are related. The same (n, seed) always
gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.resources
import io
import json
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any, Literal

from bench import formats, pools

GENERATOR_VERSION = 2
MANIFEST = "_manifest.json"

# Word caps per section of the KIPP 2022 form (shared/domain/KIPP.md, rubrics/kipp-2022.yaml).
WORD_CAPS: dict[str, int] = {
    "summary": 200,
    "background": 300,
    "novelty": 200,
    "implementation": 200,
    "significance": 600,
    "adaptability": 300,
    "resources": 200,
    "sustainability": 500,
}
CALL_DEADLINE = date(2022, 4, 15)
IDEA_SECTIONS = ("summary", "background", "novelty")  # what kipp's novelty compares
CATEGORIES = ("inklusif", "tpb", "ketahanan")
GROUPS = ("umum", "khusus")
STAGES = ("penerapan", "uji_coba", "inisiatif")

Defect = Literal["bad_sdg", "bad_date", "missing_field", "bad_category", "yaml_syntax"]
DEFECTS: tuple[Defect, ...] = ("bad_sdg", "bad_date", "missing_field", "bad_category")
Format = Literal["yaml", "json", "md", "csv", "xlsx", "docx", "pdf"]


def code_fingerprint() -> str:
    """A hash of the generator's own source: a cached batch is reused only while it matches."""
    digest = hashlib.sha256()
    for name in ("generate.py", "pools.py", "formats.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


# --- the real corpus --------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorInnovation:
    """One row of `prior-innovations.csv` (real innovations), with the domain it matches."""

    id: str
    title: str
    agency: str
    region: str
    year: int
    award: str
    description: str
    source: str
    domain: str | None


CORPUS_COLUMNS = ("id", "title", "agency", "region", "year", "award", "description", "source")


def corpus_domain(text: str) -> str | None:
    """The domain whose keywords occur most often in `text` (lower-cased), or None."""
    best, best_hits = None, 0
    for domain in pools.DOMAINS:
        hits = sum(text.count(k) for k in domain.keywords)
        if hits > best_hits:
            best, best_hits = domain.key, hits
    return best


def load_prior_corpus() -> list[PriorInnovation]:
    """The prior-innovations corpus shipped inside the kipp package."""
    resource = importlib.resources.files("kipp") / "data" / "prior-innovations.csv"
    rows = list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))
    return [
        PriorInnovation(
            id=row["id"],
            title=row["title"],
            agency=row["agency"],
            region=row["region"],
            year=int(row["year"]) if row["year"].isdigit() else 0,
            award=row["award"],
            description=row["description"],
            source=row["source"],
            domain=corpus_domain(f"{row['title']} {row['agency']} {row['description']}".lower()),
        )
        for row in rows
    ]


def usable_seeds(corpus: Sequence[PriorInnovation]) -> list[PriorInnovation]:
    """Rows whose description says something (73 only repeat the title) and match a domain."""
    return [
        row
        for row in corpus
        if row.domain is not None
        and "tidak dijelaskan" not in row.description
        and len(row.description.split()) >= 12
    ]


# --- one proposal -----------------------------------------------------------------------------


def slug(text: str) -> str:
    """A lowercase ASCII slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def title_key(title: str) -> str:
    """Titles compare ignoring case, spacing and punctuation (as the contract says)."""
    return re.sub(r"[\W_]+", "", title.casefold())


_VOWELS = frozenset("aeiou")


def _syllable(word: str) -> str:
    """The first syllable-ish chunk of a word: `Kelahiran` -> `Ke`, `Akta` -> `Ak`."""
    for i, char in enumerate(word.lower()):
        if char in _VOWELS:
            end = i + 1
            if i == 0 and len(word) > 1 and word[1].lower() not in _VOWELS:
                end = 2
            return word[:end]
    return word[:2]


def make_title(rng: Random, title_words: Sequence[str]) -> tuple[str, str]:
    """An acronym and its expansion, as KIPP titles are written: `SI KEKAL (...)`."""
    words = rng.choice(title_words)
    used = set(words.lower().split())
    head = rng.choice([h for h in pools.TITLE_HEADS if not used & set(h.lower().split())])
    tail = rng.choice([t for t in pools.TITLE_TAILS if not used & set(t.lower().split())])
    expansion = f"{head} {words} {tail}"
    parts = [w for w in expansion.split() if w.lower() not in pools.ACRONYM_SKIP]
    if head == "Sistem Informasi":
        prefix, parts = "SI ", parts[2:]
    else:
        prefix = ""
    pieces = [_syllable(w) if rng.random() < 0.6 else w[0] for w in parts]
    acronym = prefix + "".join(pieces).upper()
    if rng.random() < 0.25:  # some are written as a word: "Si Mapan", "Gelai Sang Ratu"
        acronym = acronym.title()
    return acronym, expansion


def make_region(rng: Random) -> str:
    """An invented region; "Contoh" marks it as not real."""
    kind = "Kota" if rng.random() < 0.4 else "Kabupaten"
    return f"{kind} Contoh {rng.choice(pools.PLACES)}"


def make_person(rng: Random) -> dict[str, Any]:
    """An invented innovator (reserved example domains for e-mail)."""
    given, family = rng.choice(pools.GIVEN_NAMES), rng.choice(pools.FAMILY_NAMES)
    person: dict[str, Any] = {"name": f"{given} {family}", "role": rng.choice(pools.ROLES)}
    if rng.random() < 0.8:
        domain = rng.choice(("example.org", "example.net", "example.com"))
        person["email"] = f"{slug(given)}.{slug(family)}@{domain}"
    if rng.random() < 0.3:
        person["phone"] = f"(0321) 000-{rng.randint(1000, 9999)}"
    return person


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@dataclass
class Story:
    """The facts one proposal's text refers to, so that its sections agree with each other
    and with its indicators."""

    domain: pools.Domain
    acronym: str
    expansion: str
    agency: str
    region: str
    service: str
    beneficiary: str
    title_words: tuple[str, ...]
    channel: str
    digital: bool
    partner: str
    problem: str
    started_on: date
    numbers: dict[str, int] = field(default_factory=dict)

    def slots(self, rng: Random, variant: int) -> dict[str, str]:
        """Template slot values; `variant` > 0 swaps in other words of the domain so a long
        section does not repeat itself word for word."""
        d = self.domain

        def pick(own: str, pool: Sequence[str]) -> str:
            return own if variant == 0 else rng.choice(pool)

        n = self.numbers
        return {
            "acr": self.acronym,
            "name": self.expansion,
            "agency": self.agency,
            "region": self.region,
            "service": pick(self.service, [phrase for phrase, _ in d.services]),
            "benef": pick(self.beneficiary, d.beneficiaries),
            "channel": self.channel,
            "partner": pick(self.partner, d.partners),
            "problem": pick(self.problem, d.problems),
            "year": str(self.started_on.year),
            "n_benef": _thousands(n["beneficiaries"]),
            "n_staff": str(n["staff"]),
            "n_units": str(n["units"]),
            "before": str(n["days_before"]),
            "after": str(n["days_after"]),
            "pct": str(n["coverage_pct"]),
            "budget": _thousands(n["budget_million"]),
            "sat_before": str(n["sat_before"]),
            "sat_after": str(n["sat_after"]),
        }


def make_story(
    rng: Random, domain: pools.Domain, *, region: str | None = None, pandemic: bool = False
) -> Story:
    """Pick the facts of one innovation in `domain`."""
    service, title_words = rng.choice(domain.services)
    acronym, expansion = make_title(rng, title_words)
    place = rng.choice(pools.PLACES)
    agency = rng.choice(domain.agencies).format(place=place, num=rng.randint(1, 12))
    channel, digital = rng.choice(pools.CHANNELS)
    if pandemic:
        started = date(2020, 3, 15) + timedelta(days=rng.randint(0, 360))
    elif rng.random() < 0.9:
        started = date(2014, 1, 1) + timedelta(days=rng.randint(0, 6 * 365))
    else:  # younger than the call allows: valid input, ineligible later
        started = date(2020, 6, 1) + timedelta(days=rng.randint(0, 540))
    sat_before = rng.randint(58, 78)
    days_before = rng.randint(3, 21)
    return Story(
        domain=domain,
        acronym=acronym,
        expansion=expansion,
        agency=agency,
        region=region or make_region(rng),
        service=service,
        title_words=title_words,
        beneficiary=rng.choice(domain.beneficiaries),
        channel=channel,
        digital=digital,
        partner=rng.choice(domain.partners),
        problem=rng.choice(domain.problems),
        started_on=started,
        numbers={
            "beneficiaries": rng.randint(150, 25_000),
            "staff": rng.randint(3, 40),
            "units": rng.randint(3, 30),
            "days_before": days_before,
            "days_after": rng.randint(1, max(1, days_before // 3)),
            "coverage_pct": rng.randint(55, 98),
            "budget_million": rng.randint(15, 900),
            "sat_before": sat_before,
            "sat_after": min(98, sat_before + rng.randint(5, 20)),
        },
    )


def idea_slots(rng: Random) -> dict[str, str]:
    """Fresh slot values for one sentence of `pools.IDEA_TEMPLATES`."""
    return {
        "mech": rng.choice(pools.MECHANISMS),
        "outcome": rng.choice(pools.OUTCOMES),
        "extra": rng.choice(pools.EXTRAS),
        "actor": rng.choice(pools.ACTORS),
    }


def _sentence(rng: Random, template: str, slots: dict[str, str], *, plain: bool = False) -> str:
    """A template filled in, with a connecting opener and closer unless `plain`."""
    body = template.format_map(slots)
    if plain:
        return body + "."
    opener = rng.choice(pools.OPENERS)
    if opener:
        # lower-case the first letter, not that of an acronym or a name ("SI", "Undang-Undang")
        first = body.split(" ", 1)[0]
        if first[1:].islower() and not body.startswith((slots["agency"], slots["acr"])):
            body = body[0].lower() + body[1:]
        body = opener + body
    return body + rng.choice(pools.CLOSERS) + "."


def section_text(
    rng: Random, story: Story, section: str, target_words: int, cap: int, seed: str | None = None
) -> str:
    """About `target_words` words (never more than `cap`) in paragraphs of 2-5 sentences."""
    sentences: list[str] = []
    words = 0
    if seed is not None and section in pools.SEED_LEADS:
        lead = rng.choice(pools.SEED_LEADS[section]).format(seed=seed.rstrip("."))
        lead = lead if lead.endswith(".") else lead + "."
        sentences.append(lead)
        words += lead.count(" ") + 1
    templates = list(pools.SECTION_TEMPLATES[section])
    if section in IDEA_SECTIONS:
        # a share of the form's usual sentences, the rest about this innovation's own ways
        templates = rng.sample(templates, max(2, len(templates) * 2 // 5))
        templates += rng.sample(pools.IDEA_TEMPLATES, 6)
    variant = 0
    while words < target_words:
        rng.shuffle(templates)
        # idea sections keep to the proposal's own service, problem and partner: swapping in
        # other phrases of the field would make every proposal of a field name all of them
        slots = story.slots(rng, 0 if section in IDEA_SECTIONS else variant)
        added = False
        for template in templates:
            # the ways of working of IDEA_TEMPLATES vary sentence by sentence
            sentence = _sentence(rng, template, slots | idea_slots(rng))
            count = sentence.count(" ") + 1
            if words + count > cap:
                continue
            sentences.append(sentence)
            words += count
            added = True
            if words >= target_words:
                break
        if not added:
            break
        variant += 1
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return "\n\n".join(paragraphs)


def make_proposal(
    rng: Random,
    index: int,
    *,
    taken_titles: set[str] | None = None,
    seed_row: PriorInnovation | None = None,
    word_share: tuple[float, float] = (0.4, 0.8),
    domain: pools.Domain | None = None,
) -> dict[str, Any]:
    """One valid proposal with canonical keys and Python values (dates as `date`).

    `taken_titles` (title keys already used in the batch) is updated so titles stay unique;
    `seed_row` lends its domain and its description as a seed sentence of the background or
    novelty; section lengths are drawn between `word_share` of each cap.
    """
    if seed_row is not None and seed_row.domain is not None:
        domain = pools.DOMAIN_BY_KEY[seed_row.domain]
    domain = domain or rng.choice(pools.DOMAINS)
    category = rng.choices(CATEGORIES, weights=(4, 4, 2))[0]
    pandemic = category == "ketahanan" and rng.random() < 0.7
    story = make_story(rng, domain, pandemic=pandemic)
    title = f"{story.acronym} ({story.expansion})"
    if taken_titles is not None:
        tries = 0
        while title_key(title) in taken_titles:
            tries += 1
            if tries < 20:
                story.acronym, story.expansion = make_title(rng, story.title_words)
                title = f"{story.acronym} ({story.expansion})"
            else:
                title = f"{story.acronym} ({story.expansion} {rng.choice(pools.PLACES)})"
        taken_titles.add(title_key(title))

    seed_section = rng.choice(("background", "novelty")) if seed_row is not None else None
    sections = {
        name: section_text(
            rng,
            story,
            name,
            int(cap * rng.uniform(*word_share)),
            cap,
            seed_row.description if seed_row is not None and name == seed_section else None,
        )
        for name, cap in WORD_CAPS.items()
    }
    sdg_pool = list(domain.sdgs)
    sdgs = sorted(rng.sample(sdg_pool, k=rng.randint(1, min(3, len(sdg_pool)))))
    n = story.numbers
    hours_before = n["days_before"] * 24
    indicators: dict[str, Any] = {
        "beneficiaries": n["beneficiaries"],
        "target_population": n["beneficiaries"] * 100 // n["coverage_pct"],
        "service_time_before_hours": hours_before,
        "service_time_after_hours": n["days_after"] * 24,
        "satisfaction_before": n["sat_before"],
        "satisfaction_after": n["sat_after"],
    }
    if rng.random() < 0.6:
        cost_before = rng.randint(2, 40) * 25_000
        indicators["cost_before_idr"] = cost_before
        indicators["cost_after_idr"] = cost_before * rng.randint(0, 5) // 10
    if rng.random() < 0.5:
        complaints = rng.randint(8, 120)
        indicators["complaints_before"] = complaints
        indicators["complaints_after"] = complaints * rng.randint(1, 6) // 10
    for key in list(indicators):  # real forms leave some blank
        if rng.random() < 0.1:
            del indicators[key]

    ident = f"gen-{index:05d}-{slug(story.acronym)[:40]}".rstrip("-")
    proposal: dict[str, Any] = {
        "id": ident,
        "title": title,
        "agency": story.agency,
        "region": story.region,
        "group": "khusus" if rng.random() < 0.12 else "umum",
        "category": category,
        "sdgs": sdgs,
        "started_on": story.started_on,
        "pandemic_related": pandemic,
        "stage": rng.choices(STAGES, weights=(7, 2, 1))[0],
        "digital": story.digital,
        "innovators": [make_person(rng) for _ in range(rng.randint(1, 4))],
    }
    if rng.random() < 0.3:
        proposal["prior_awards"] = [
            {
                "competition": rng.choice(pools.COMPETITIONS).format(region=story.region),
                "year": rng.randint(max(2015, story.started_on.year), 2021),
                "level": rng.choice(pools.AWARD_LEVELS),
            }
        ]
    proposal["sections"] = sections
    proposal["indicators"] = indicators
    if rng.random() < 0.35:
        proposal["replications"] = [
            {
                "agency": rng.choice(domain.agencies).format(
                    place=rng.choice(pools.PLACES), num=rng.randint(1, 12)
                ),
                "region": make_region(rng),
                "year": rng.randint(max(2016, story.started_on.year), 2022),
            }
            for _ in range(rng.randint(1, 3))
        ]
    attachments: dict[str, Any] = {
        "decree": f"lampiran/sk-{ident}.pdf",
        "video": f"https://video.example.org/kipp/{ident}",
    }
    if rng.random() < 0.5:
        attachments["evidence"] = [f"lampiran/bukti-{ident}-{i}.pdf" for i in (1, 2)]
    if rng.random() < 0.05:  # a missing video: valid input, fails the attachment gate later
        del attachments["video"]
    proposal["attachments"] = attachments
    return proposal


def apply_defect(rng: Random, proposal: dict[str, Any], defect: Defect) -> dict[str, Any]:
    """A copy of `proposal` with one of the mistakes coordinators really see. (`yaml_syntax`
    is applied to the written text instead, by `break_yaml`.)"""
    broken = dict(proposal)
    if defect == "bad_sdg":
        broken["sdgs"] = [*proposal["sdgs"][:1], rng.choice((18, 0, 20, 99))]
    elif defect == "bad_date":
        broken["started_on"] = rng.choice(
            ("31 Februari 2020", "2019-13-01", "sejak 2019", "Juli 2019", "30/02/2021")
        )
    elif defect == "missing_field":
        del broken[rng.choice(("agency", "category", "started_on", "stage", "group", "sdgs"))]
    elif defect == "bad_category":
        broken["category"] = rng.choice(("inovasi digital", "pelayanan", "kesehatan"))
    return broken


def break_yaml(text: str) -> str:
    """Unbalanced quotes in the title line: YAML no longer parses."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if ":" in line and not line.startswith(" "):
            key = line.split(":", 1)[0]
            if key.lower() in {"title", "judul"}:
                lines[i] = f'{key}: "{line.split(":", 1)[1].strip().strip(chr(34))}'
                return "\n".join(lines)
    return '"' + text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def corpus_row(
    rng: Random, index: int, *, years: tuple[int, int] = (2014, 2024), seed: int = 0
) -> dict[str, str]:
    """One synthetic prior innovation in the columns of `prior-innovations.csv`: one or two
    short sentences (`pools.CORPUS_FORMS`, `pools.CORPUS_DETAILS`) in words of their own,
    sharing only field words (service, people served, partners) with proposals."""
    domain = rng.choice(pools.DOMAINS)
    story = make_story(rng, domain)
    agency_short = story.agency.split(",")[0]
    slots = {
        "name_cap": _capital(story.acronym),
        "service": story.service,
        "benef": story.beneficiary,
        "benef_cap": _capital(story.beneficiary),
        "partner": story.partner,
        "actor": rng.choice(pools.ACTORS),
        "actor_cap": _capital(rng.choice(pools.ACTORS)),
        "agency_short": agency_short,
        "mech": rng.choice(pools.MECHANISMS),
        "outcome": rng.choice(pools.OUTCOMES),
        "outcome_cap": _capital(f"{story.beneficiary} {rng.choice(pools.OUTCOMES)}"),
        "outcome_clause": f"{story.beneficiary} {rng.choice(pools.OUTCOMES)}",
        "access": rng.choice(("dapat mengurus", "bisa memperoleh", "mendapat", "mengakses")),
        "extra": rng.choice(pools.EXTRAS),
        "extra_cap": _capital(rng.choice(pools.EXTRAS)),
        "year": str(rng.randint(*years) - 1),
        "n": str(rng.randint(2, 40)),
        "unit": rng.choice(pools.UNITS),
        "fund": rng.choice(pools.FUNDS),
        "monitor": rng.choice(pools.MONITORS),
    }
    sentences = [rng.choice(pools.CORPUS_FORMS).format_map(slots) + "."]
    if rng.random() < 0.6:
        sentences.append(rng.choice(pools.CORPUS_DETAILS).format_map(slots) + ".")
    return {
        "id": f"gen-prior-{index:06d}-{slug(story.acronym)[:30]}".rstrip("-"),
        "title": f"{story.acronym} ({story.expansion})",
        "agency": story.agency,
        "region": story.region,
        "year": str(rng.randint(*years)),
        "award": "sintetis (benchmark)",
        "description": " ".join(sentences),
        "source": f"synthetic: bench.generate v{GENERATOR_VERSION} seed {seed}",
    }


def generate_corpus(path: Path, m: int, seed: int = 1) -> Path:
    """Write a corpus CSV of `m` prior innovations (the columns of the real one): every row
    of the real corpus shipped with kipp, then synthetic rows up to `m`. The batch's
    seeded proposals replicate real rows, so the real rows are what they should be found
    to resemble; the synthetic rows are the crowd of same-field innovations around them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    real = load_prior_corpus()[:m]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CORPUS_COLUMNS)
        writer.writeheader()
        for row in real:
            writer.writerow({column: getattr(row, column) for column in CORPUS_COLUMNS})
        for index in range(m - len(real)):
            writer.writerow(corpus_row(Random(f"corpus:{seed}:{index}"), index, seed=seed))
    return path


# --- a batch ------------------------------------------------------------------------------------


@dataclass
class FilePlan:
    """What one file of the batch will be."""

    index: int
    fmt: Format
    keys: formats.KeyStyle = "en"
    rows: int = 1
    defect: Defect | None = None


def plan_batch(n: int, seed: int, invalid_share: float = 0.05) -> list[FilePlan]:
    """The formats, key styles, spreadsheet sizes and defects of n files."""
    rng = Random(f"plan:{seed}:{n}")
    unread = 2 if n >= 40 else (1 if n >= 10 else 0)
    sheets = 0 if n < 40 else max(2, round(4 * n / 3500))
    plans: list[FilePlan] = []
    for index in range(n):
        fmt: Format = rng.choices(("yaml", "md", "json"), weights=(77, 13, 10))[0]
        keys: formats.KeyStyle = rng.choices(("en", "id", "label"), weights=(50, 42, 8))[0]
        plans.append(FilePlan(index=index, fmt=fmt, keys=keys))
    special = rng.sample(range(n), k=unread + sheets)
    for k, index in enumerate(special):
        plan = plans[index]
        if k < unread:
            plan.fmt = "docx" if k % 2 == 0 else "pdf"
        else:
            plan.fmt = "csv" if k % 2 == 0 else "xlsx"
            most = max(2, min(12, n // 10))  # keep "about n proposals" for small n too
            plan.rows = rng.randint(min(5, most), most)
    ordinary = [p for p in plans if p.fmt in ("yaml", "md", "json")]
    for plan in rng.sample(ordinary, k=min(len(ordinary), round(invalid_share * n))):
        plan.defect = rng.choice(DEFECTS)
        if plan.fmt == "yaml" and rng.random() < 0.2:
            plan.defect = "yaml_syntax"
    return plans


def generate_batch(
    folder: Path,
    n: int,
    seed: int = 1,
    *,
    seed_share: float = 0.3,
    invalid_share: float = 0.05,
    word_share: tuple[float, float] = (0.4, 0.8),
) -> dict[str, Any]:
    """Write a batch of `n` files (about n proposals) into `folder` and return the manifest
    (also written as `folder/_manifest.json`). A folder that holds files but no manifest is
    refused rather than emptied."""
    started = time.perf_counter()
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MANIFEST).is_file():
            raise FileExistsError(f"{folder} holds files that bench.generate did not write")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = usable_seeds(load_prior_corpus())
    taken: set[str] = set()
    items: list[dict[str, Any]] = []
    counter = 0

    def next_proposal(rng: Random) -> tuple[dict[str, Any], str | None]:
        nonlocal counter
        seed_row = rng.choice(seeds) if seeds and rng.random() < seed_share else None
        proposal = make_proposal(
            rng, counter, taken_titles=taken, seed_row=seed_row, word_share=word_share
        )
        counter += 1
        return proposal, seed_row.id if seed_row else None

    def item(name: str, proposal: dict[str, Any], seed_id: str | None, **extra: Any) -> None:
        items.append(
            {
                "file": name,
                "row": extra.get("row"),
                "format": extra["fmt"],
                "keys": extra.get("keys"),
                "id": proposal["id"],
                "title": proposal["title"],
                "expected": "invalid" if extra.get("defect") else "valid",
                "defect": extra.get("defect"),
                "seed_prior": seed_id,
            }
        )

    for plan in plan_batch(n, seed, invalid_share):
        rng = Random(f"batch:{seed}:{plan.index}")
        if plan.fmt in ("csv", "xlsx"):
            made = [next_proposal(rng) for _ in range(plan.rows)]
            proposals = [p for p, _ in made]
            name = f"gen-{plan.index:05d}-ekspor-formulir.{plan.fmt}"
            if plan.fmt == "csv":
                stamps = [
                    f"{rng.randint(16, 31)}/03/2022 {rng.randint(8, 22):02d}:"
                    f"{rng.randint(0, 59):02d}"
                    for _ in proposals
                ]
                (folder / name).write_text(formats.render_csv(proposals, stamps), encoding="utf-8")
            else:
                formats.write_xlsx(folder / name, proposals)
            for row, (proposal, seed_id) in enumerate(made, start=2):
                item(name, proposal, seed_id, fmt=plan.fmt, row=row)
            continue
        proposal, seed_id = next_proposal(rng)
        if plan.fmt in ("docx", "pdf"):
            name = f"{proposal['id']}.{plan.fmt}"
            data = (
                formats.docx_bytes(proposal["title"], proposal["sections"]["summary"])
                if plan.fmt == "docx"
                else formats.pdf_bytes(proposal["title"])
            )
            (folder / name).write_bytes(data)
            items.append(
                {"file": name, "row": None, "format": plan.fmt, "expected": "unread", "id": None}
            )
            continue
        written = proposal
        if plan.defect is not None and plan.defect != "yaml_syntax":
            written = apply_defect(rng, proposal, plan.defect)
        if rng.random() < 0.15:  # id omitted: intake takes the file name
            written = {k: v for k, v in written.items() if k != "id"}
        started_on = written.get("started_on")
        if plan.fmt in ("yaml", "md") and isinstance(started_on, date) and rng.random() < 0.3:
            month = pools.MONTHS_ID[started_on.month - 1]
            written = {**written, "started_on": f"{started_on.day} {month} {started_on.year}"}
        name = f"{proposal['id']}.{plan.fmt}"
        if plan.fmt == "yaml":
            text = formats.render_yaml(written, plan.keys)
            if plan.defect == "yaml_syntax":
                text = break_yaml(text)
        elif plan.fmt == "json":
            text = formats.render_json(written, plan.keys)
        else:
            headings = {k: rng.choice(v) for k, v in pools.HEADINGS.items()}
            text = formats.render_markdown(written, plan.keys, headings)
        (folder / name).write_text(text, encoding="utf-8")
        item(name, proposal, seed_id, fmt=plan.fmt, keys=plan.keys, defect=plan.defect)

    fingerprint = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        fingerprint.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    expected = {
        key: sum(1 for i in items if i["expected"] == key) for key in ("valid", "invalid", "unread")
    }
    manifest: dict[str, Any] = {
        "generator": "bench.generate",
        "version": GENERATOR_VERSION,
        "code": code_fingerprint(),
        "seed": seed,
        "n": n,
        "params": {
            "seed_share": seed_share,
            "invalid_share": invalid_share,
            "word_share": list(word_share),
        },
        "files": len({i["file"] for i in items}),
        "sha256": fingerprint.hexdigest(),
        "proposals": expected["valid"] + expected["invalid"],
        "expected": expected,
        "seconds": round(time.perf_counter() - started, 3),
        "items": items,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a generated batch, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: a batch folder, or with `--corpus M` a corpus CSV."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, help="batch folder to write (or CSV with --corpus)")
    parser.add_argument("--n", type=int, default=3500, help="number of files (default 3500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=int, metavar="M", help="write M prior innovations")
    parser.add_argument("--invalid-share", type=float, default=0.05)
    parser.add_argument("--seed-share", type=float, default=0.3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.corpus is not None:
        generate_corpus(args.out, args.corpus, args.seed)
        seconds = time.perf_counter() - started
        print(f"{args.corpus} prior innovations -> {args.out} in {seconds:.2f} s")
        return 0
    try:
        manifest = generate_batch(
            args.out,
            args.n,
            args.seed,
            seed_share=args.seed_share,
            invalid_share=args.invalid_share,
        )
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    e = manifest["expected"]
    print(
        f"{manifest['files']} files, {manifest['proposals']} proposals "
        f"({e['valid']} valid, {e['invalid']} invalid), {e['unread']} unreadable "
        f"-> {args.out} in {manifest['seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
