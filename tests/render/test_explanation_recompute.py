"""Every total in the sample run's documents (what `make demo` writes) redone from the numbers
the documents show, as a civil servant with a calculator would: the reviewers' scores read
on the panel's footing with the shown mean, shift and factor; each criterion's mean; the
blend with the measure's level; each criterion's points; the total. Read from the rendered
Markdown shortlist (nominee pages) and the HTML scorecards, never from results.json; every
step must give the shown result at the shown precision, rounding halves up.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from kipp.core.i18n import Lang
from kipp.results import ProposalStatus, Results

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"

RunWriter = Callable[[Path, Lang], tuple[Results, Path]]

TIMES, MINUS = "\u00d7", "\u2212"  # as the documents print them
N = r"\d(?:[\d.,]*\d)?"  # a number as shown: digits, separators, ending with a digit
END = r"\.(?:\s|$)"  # the full stop ending a sentence, not a decimal point
# the sentences the documents write (catalogue `explain.*`), per language
WORDS = {
    Lang.ID: {
        "reviewer": r"Juri (?P<label>[A-Z]+)",
        "reads": rf"Setiap (?:nilai|level) darinya dinormalisasi menjadi (?P<p>{N}) \+ "
        rf"\((?:nilai|level) {MINUS} (?P<m>{N})\) {TIMES} (?P<f>{N})\.",
        "score": rf"(?P<x>\d+)(?: \(level (?P<lv>\d+)\))? dari juri (?P<label>[A-Z]+) → "
        rf"(?P<used>{N})(?: \(rumus memberi (?P<formula>{N}); paling (?:tinggi|rendah) [15]\))?",
        "mean": rf"Rata-rata: \((?P<terms>[^)]*)\) ÷ (?P<n>\d+) = (?P<result>.*?){END}",
        "blend": rf"Nilai yang dipakai = (?P<a>{N})% {TIMES} level otomatis (?P<auto>\d) "
        rf"\(skor (?:\w+ )?{N}\) \+ (?P<b>{N})% {TIMES} nilai juri (?P<r>{N}) = "
        rf"(?P<result>.*?){END}",
        "total": r"Nilai total = jumlah poin = (?P<terms>.*) = (?P<result>.*)\.$",
        "partial": r"Nilai total = jumlah poin ÷ bobot yang sudah dihitung \([^)]*\) = "
        rf"\((?P<terms>.*)\) ÷ (?P<scored>{N}) = (?P<result>.*)\.$",
        "value": rf"(?P<v>{N}) \(level (?P<level>\d)\)",
        "part": rf"{N}% \((?P<share>{N})% dari (?P<weight>{N})%\)",
        "rounded": rf"^(?:(?P<exact>{N}), dibulatkan )?(?P<shown>{N})(?: \(dibulatkan\))?$",
        "total_line": rf"^- \*\*Nilai total:\*\* (?P<total>{N})",
        "footing": rf"Rata-rata tim penilai = (?P<t>{N}) ÷ (?P<n>\d+) nilai = (?P<mean>.*?){END}",
        "mean_of": rf"(?P<t>{N}) ÷ (?P<n>\d+) = (?P<mean>.*?), (?P<d>{N}) lebih "
        r"(?P<side>tinggi|rendah)",
        "shift": rf"= \((?P<t>{N}) \+ (?P<s>{N}) {TIMES} (?P<p>{N})\) ÷ \((?P<n>\d+) \+ {N}\) = "
        rf"(?P<m>.*?){END}",
        "factor": rf"faktor sebaran = (?P<S>{N}) ÷ √\(\((?P<n>\d+) {TIMES} (?P<sd>{N})² \+ "
        rf"(?P<s>{N}) {TIMES} {N}²\) ÷ \({N} \+ {N}\)\) = (?P<f>{N})",
    },
    Lang.EN: {
        "reviewer": r"Reviewer (?P<label>[A-Z]+)",
        "reads": rf"Each (?:score|level) of theirs is normalised to (?P<p>{N}) \+ "
        rf"\((?:score|level) {MINUS} (?P<m>{N})\) {TIMES} (?P<f>{N})\.",
        "score": rf"(?P<x>\d+)(?: \(level (?P<lv>\d+)\))? from reviewer (?P<label>[A-Z]+) → "
        rf"(?P<used>{N})(?: \(the formula gives (?P<formula>{N}); [15] at (?:most|least)\))?",
        "mean": rf"Mean: \((?P<terms>[^)]*)\) ÷ (?P<n>\d+) = (?P<result>.*?){END}",
        "blend": rf"Value used = (?P<a>{N})% {TIMES} automatic level (?P<auto>\d) "
        rf"\((?:\w+ )?score {N}\) \+ (?P<b>{N})% {TIMES} reviewers' value (?P<r>{N}) = "
        rf"(?P<result>.*?){END}",
        "total": r"Total = the sum of the points = (?P<terms>.*) = (?P<result>.*)\.$",
        "partial": r"Total = the sum of the points ÷ the weight counted so far \([^)]*\) = "
        rf"\((?P<terms>.*)\) ÷ (?P<scored>{N}) = (?P<result>.*)\.$",
        "value": rf"(?P<v>{N}) \(level (?P<level>\d)\)",
        "part": rf"{N}% \((?P<share>{N})% of (?P<weight>{N})%\)",
        "rounded": rf"^(?:(?P<exact>{N}), rounded to )?(?P<shown>{N})(?: \(rounded\))?$",
        "total_line": rf"^- \*\*Total:\*\* (?P<total>{N})",
        "footing": rf"Panel mean = (?P<t>{N}) ÷ (?P<n>\d+) scores = (?P<mean>.*?){END}",
        "mean_of": rf"(?P<t>{N}) ÷ (?P<n>\d+) = (?P<mean>.*?), (?P<d>{N}) "
        r"(?P<side>above|below)",
        "shift": rf"= \((?P<t>{N}) \+ (?P<s>{N}) {TIMES} (?P<p>{N})\) ÷ \((?P<n>\d+) \+ {N}\) = "
        rf"(?P<m>.*?){END}",
        "factor": rf"spread factor = (?P<S>{N}) ÷ √\(\((?P<n>\d+) {TIMES} (?P<sd>{N})² \+ "
        rf"(?P<s>{N}) {TIMES} {N}²\) ÷ \({N} \+ {N}\)\) = (?P<f>{N})",
    },
}


def number(text: str, lang: Lang) -> Decimal:
    """A number as the document writes it (`1.250,5` in Indonesian, `1,250.5` in English)."""
    if lang is Lang.ID:
        return Decimal(text.replace(".", "").replace(",", "."))
    return Decimal(text.replace(",", ""))


def places(text: str) -> int:
    """How many decimals a shown number has."""
    return len(re.split(r"[.,]", text)[-1]) if re.search(r"[.,]\d+$", text) else 0


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def result_of(shown: str, exact: Decimal, lang: Lang) -> Decimal:
    """Check a shown result (`4,2008`, `3,60035, dibulatkan 3,6004`, `4,2008 (dibulatkan)`)
    against the exact value of the arithmetic before it; the result as shown."""
    match = re.match(WORDS[lang]["rounded"], shown.strip())
    assert match, shown
    kept = match["shown"]
    if match["exact"]:
        assert number(match["exact"], lang) == exact, shown
    assert rounded(exact, places(kept)) == number(kept, lang), (shown, exact)
    return number(kept, lang)


@dataclass
class Shown:
    """What one document shows of one proposal's computation."""

    where: str
    footing: str
    reviewers: list[str]
    rows: list[tuple[str, str, str, str, str]]  # criterion, steps, value, weight, points
    total_sentence: str
    total: str  # the total as the document's header shows it


def redo_reviewer(paragraph: str, panel: Decimal, lang: Lang) -> tuple[str, Decimal, Decimal]:
    """Redo how one reviewer's scores are read: their mean and its difference from the
    panel's, the mean drawn toward the panel's, the factor (shown as computed from unrounded
    figures: redone from the rounded ones to within a unit of its 4th decimal); the letter,
    the shift and the factor every score of theirs is read with."""
    words = WORDS[lang]
    who = re.match(words["reviewer"], paragraph)
    reads = re.search(words["reads"], paragraph)
    own = re.search(words["mean_of"], paragraph)
    shift = re.search(words["shift"], paragraph)
    assert who and reads and own and shift, paragraph
    assert number(reads["p"], lang) == panel == number(shift["p"], lang)
    mean = result_of(own["mean"], number(own["t"], lang) / int(own["n"]), lang)
    gap = number(own["d"], lang) * (1 if own["side"] in ("tinggi", "above") else -1)
    assert mean - panel == gap, paragraph
    t, s = number(shift["t"], lang), number(shift["s"], lang)
    drawn = result_of(shift["m"], (t + s * panel) / (int(shift["n"]) + s), lang)
    assert drawn == number(reads["m"], lang), paragraph
    factor = number(reads["f"], lang)
    spread = re.search(words["factor"], paragraph)
    if spread:
        count, sd, big = int(spread["n"]), number(spread["sd"], lang), number(spread["S"], lang)
        variance = (count * sd**2 + number(spread["s"], lang) * big**2) / (count + s)
        assert abs(big / variance.sqrt() - factor) < Decimal("0.0001"), paragraph
        assert number(spread["f"], lang) == factor
    return who["label"], drawn, factor


def redo(shown: Shown, lang: Lang) -> int:
    """Redo every step of one proposal's computation; fail on the first that differs. How
    many reviewers' scores were read again."""
    words = WORDS[lang]
    footing: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    if shown.reviewers:
        found = re.search(words["footing"], shown.footing)
        assert found, shown.footing
        panel = result_of(found["mean"], number(found["t"], lang) / int(found["n"]), lang)
        for paragraph in shown.reviewers:
            label, drawn, factor = redo_reviewer(paragraph, panel, lang)
            footing[label] = (panel, drawn, factor)
    points = []
    scores = 0
    for criterion, steps, value_text, weight_text, points_text in shown.rows:
        value_match = re.fullmatch(words["value"], value_text)
        if value_match is None:  # awaiting reviewers: nothing in the total
            assert points_text == "—", (shown.where, criterion)
            continue
        value = number(value_match["v"], lang)
        used = []
        for score in re.finditer(words["score"], steps):
            p, m, f = footing[score["label"]]
            level = Decimal(score["lv"] or score["x"])
            formula = p + (level - m) * f
            kept = min(Decimal(5), max(Decimal(1), formula))
            assert rounded(kept, 4) == number(score["used"], lang), (shown.where, criterion)
            if score["formula"]:
                assert rounded(formula, 4) == number(score["formula"], lang)
                assert kept != formula
            else:
                assert kept == formula
            used.append(number(score["used"], lang))
            scores += 1
        step = value
        mean = re.search(words["mean"], steps)
        assert mean or not used, (shown.where, criterion)
        if mean:
            terms = [number(t, lang) for t in mean["terms"].split(" + ")]
            assert terms == used, (shown.where, criterion)
            step = result_of(mean["result"], sum(terms, Decimal(0)) / int(mean["n"]), lang)
        blend = re.search(words["blend"], steps)
        if blend:
            a, b = number(blend["a"], lang) / 100, number(blend["b"], lang) / 100
            assert a + b == 1 and number(blend["r"], lang) == step, (shown.where, criterion)
            exact = a * int(blend["auto"]) + b * step
            step = result_of(blend["result"], exact, lang)
        assert step == value, (shown.where, criterion)
        assert int(value_match["level"]) == int(rounded(value, 0)), (shown.where, criterion)
        part = re.fullmatch(words["part"], weight_text)
        if part:
            weight = number(part["weight"], lang) * number(part["share"], lang) / 10_000
        else:
            weight = number(weight_text.rstrip("%"), lang) / 100
        assert weight * value * 100 / 5 == number(points_text, lang), (shown.where, criterion)
        points.append(number(points_text, lang))
    whole = re.match(words["total"], shown.total_sentence)
    partial = re.match(words["partial"], shown.total_sentence)
    assert whole or partial, shown.total_sentence
    match = whole or partial
    assert match is not None
    terms = [number(t, lang) for t in match["terms"].split(" + ")]
    assert terms == points, shown.where
    exact = sum(terms, Decimal(0))
    if partial:
        exact /= number(partial["scored"], lang)
    total = result_of(match["result"], exact, lang)
    assert total == number(shown.total, lang), shown.where
    return scores


def _cells(row: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)
    ]


def scorecard_shows(page: str, where: str) -> Shown | None:
    """The computation a scorecard shows; None when it shows none (not scored)."""
    start = page.find('<section class="explanation">')
    if start < 0:
        return None
    section = page[start : page.index("</section>", start)]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = [_cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]
    total = re.search(r'<span class="total">([^<]*)</span>', page)
    sentence = re.search(r'<p class="total">(.*?)</p>', section)
    footing = re.search(r'<p class="footing">(.*?)</p>', section)
    assert total and sentence
    return Shown(
        where=where,
        footing=html.unescape(footing[1]) if footing else "",
        reviewers=[html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", section)],
        rows=[(r[0], r[1], r[2], r[3], r[4]) for r in rows],
        total_sentence=html.unescape(sentence[1]),
        total=total[1],
    )


def _unescaped(line: str) -> str:
    return re.sub(r"\\(.)", r"\1", line)


def nominee_pages_show(markdown: str, lang: Lang) -> list[Shown]:
    """The computation of every nominee page of the Markdown shortlist."""
    heading = "#### Cara nilai dihitung" if lang is Lang.ID else "#### How the numbers are computed"
    pages = re.split(r"^### \d+\. ", markdown, flags=re.MULTILINE)[1:]
    found = []
    for page in pages:
        lines = page.splitlines()
        title = lines[0]
        block = page[page.index(heading) + len(heading) :].split("\n#### ")[0]
        total = next(m for line in lines if (m := re.match(WORDS[lang]["total_line"], line)))
        table = [line for line in block.splitlines() if line.startswith("| ")][2:]
        rows = [
            tuple(_unescaped(c.strip()) for c in line.strip("|").split(" | ")) for line in table
        ]
        sentence = next(
            _unescaped(line)
            for line in block.splitlines()
            if line.startswith(("Nilai total =", "Total ="))
        )
        paragraphs = [_unescaped(line) for line in block.split("\n\n")]
        found.append(
            Shown(
                where=f"shortlist.md: {title}",
                footing=next((x for x in paragraphs if re.search(WORDS[lang]["footing"], x)), ""),
                reviewers=[
                    _unescaped(line[2:]) for line in block.splitlines() if line.startswith("- ")
                ],
                rows=[(r[0], r[1], r[2], r[3], r[4]) for r in rows],
                total_sentence=sentence,
                total=total["total"],
            )
        )
    return found


@pytest.fixture(scope="module", params=list(Lang), ids=lambda lang: lang.value)
def sample(request: pytest.FixtureRequest, written_run: RunWriter) -> tuple[Results, Path, Lang]:
    lang: Lang = request.param
    results, out = written_run(SAMPLE, lang)
    return results, out, lang


def test_every_scorecard_total_redone_from_the_numbers_it_shows(
    sample: tuple[Results, Path, Lang],
) -> None:
    results, out, lang = sample
    scored = [p for p in results.proposals if p.total is not None]
    redone = []
    for page in sorted((out / "scorecards").glob("*.html")):
        shown = scorecard_shows(page.read_text(encoding="utf-8"), page.name)
        if shown is not None:
            redone.append(redo(shown, lang))
    # every scored proposal's scorecard shows its computation, and only those: 3 reviewers'
    # scores of each of the 7 criteria
    assert len(redone) == len(scored) == 10
    assert redone == [3 * 7] * 10


def test_every_nominee_page_total_redone_from_the_numbers_it_shows(
    sample: tuple[Results, Path, Lang],
) -> None:
    results, out, lang = sample
    pages = nominee_pages_show((out / "shortlist.md").read_text(encoding="utf-8"), lang)
    redone = [redo(shown, lang) for shown in pages]
    nominees = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]
    assert len(pages) == len(nominees) == 5
    assert redone == [3 * 7] * 5


def test_redoing_a_scorecard_with_one_number_changed_fails(
    sample: tuple[Results, Path, Lang],
) -> None:
    _, out, lang = sample
    page = (out / "scorecards" / "curhat-ning-ita.html").read_text(encoding="utf-8")
    shown = scorecard_shows(page, "curhat-ning-ita.html")
    assert shown is not None
    redo(shown, lang)
    points = shown.rows[0][4]
    wrong = str(number(points, lang) + Decimal("0.0001")).replace(
        ".", "," if lang is Lang.ID else "."
    )
    changed = [
        (shown, shown.total_sentence.replace(shown.total, "99" + shown.total[2:])),
        (shown, shown.total_sentence.replace(points, wrong)),
    ]
    for original, sentence in changed:
        tampered = Shown(
            where=original.where,
            footing=original.footing,
            reviewers=original.reviewers,
            rows=original.rows,
            total_sentence=sentence,
            total=original.total,
        )
        with pytest.raises(AssertionError):
            redo(tampered, lang)
