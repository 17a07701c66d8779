"""Indonesian-aware text normalisation for comparing innovation descriptions.

Light by design (see DESIGN.md, "Text similarity for novelty"): fold case and accents, keep
letters only (digits, punctuation and years say nothing about an idea), drop Indonesian
function words, strip the possessive/definite suffix `-nya`, collapse reduplication
(`anak-anak` -> `anak`) and glue prefixed acronyms (`e-KTP` -> `ektp`). Names of places and
the vocabulary of public administration are masked by the caller, because every proposal of
one city shares them and they would make unrelated proposals look alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words, pronouns, auxiliaries, connectives and vague quantifiers that appear in
# every proposal whatever its idea; written here so the list is reviewed with the code.
STOPWORDS = _words(
    """
    yang dan di ke dari untuk dengan dalam pada ini itu adalah ialah merupakan serta atau oleh
    agar supaya sehingga juga akan telah sudah dapat bisa lebih para setiap tiap melalui
    tersebut bahwa karena sebagai secara antara lain hal tidak belum bukan tanpa namun tetapi
    tapi jika kalau bila apabila maka saat ketika sejak hingga sampai sekitar terhadap tentang
    bagi seperti yaitu yakni misalnya antaranya termasuk kami kita saya anda mereka ia dia
    nya beliau kamu kalian sini sana situ begitu demikian sangat paling pun lah kah masih
    hanya saja lagi pula harus perlu ingin mau boleh mampu sedang tengah pernah selalu sering
    kadang banyak sedikit semua seluruh segala berbagai beberapa sejumlah masing suatu sebuah
    seorang satu dua tiga empat lima enam tujuh delapan sembilan sepuluh ratus ribu juta
    pertama kedua ketiga ada adanya menjadi jadi yakni sendiri bersama lalu kemudian selain
    baik buruk atas bawah adapun akibat oleh karenanya olehnya dimana mana apa siapa
    bagaimana mengapa kapan berapa tahun bulan hari minggu jam kali per sebesar sebanyak
    setelah sebelum selama sementara tanggal tgl dll dsb dst yg dgn utk tsb tdk sbg
    """
)

# Words of public administration shared by every proposal of a region, whatever its idea:
# the units of government and the titles of their heads.
ADMIN_WORDS = _words(
    """
    kota kab kabupaten kotamadya provinsi prov pemerintah pemkot pemkab pemprov pemda daerah
    dinas badan kantor bagian sekretariat setda sekda kecamatan kelurahan kel kec desa
    walikota wali bupati gubernur camat lurah wakil opd perangkat instansi unit pelaksana
    teknis upt uptd satuan kerja satker jawa timur barat tengah utara selatan raya indonesia
    republik negara nasional
    """
)

# Words after which an agency name gives a place or a proper name (Puskesmas Kedundung,
# Kelurahan Prajurit Kulon, RSUD Dr. Soetomo): those names are masked like regions.
_PLACE_MARKERS = _words(
    """
    kota kab kabupaten kotamadya provinsi prov kecamatan kelurahan desa puskesmas rsud rs rsj
    rsu rsia pustu polindes sdn smpn sman smkn sd smp sma smk
    """
)

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_UNIT_BREAK = re.compile(r"[.!?;()\n]+")
_ACRONYM_TITLE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*(?P<rest>.*)$")
_MIN_STEM = 4


def fold(text: str) -> str:
    """Lowercase ASCII-folded text: `Omasiô` -> `omasio` (other scripts are dropped)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Strip the suffix `-nya` when a word of at least four letters remains.

    A full stemmer (Sastrawi-style) helped only a little in DESIGN.md's measurements and
    over-stems (`persalinan` -> `salin`); `-nya` is the commonest inflection in proposal
    prose and never changes the idea.
    """
    if word.endswith("nya") and len(word) - 3 >= _MIN_STEM:
        return word[:-3]
    return word


def _split_hyphenated(word: str) -> list[str]:
    parts = word.split("-")
    if len(set(parts)) == 1:  # reduplication marks the plural: anak-anak, warga-warga
        return [parts[0]]
    if any(len(p) <= 2 for p in parts):  # e-KTP, KTP-el, m-banking: one term
        return ["".join(parts), *(p for p in parts if len(p) > 2)]
    return parts


@lru_cache(maxsize=200_000)
def _terms(word: str) -> tuple[str, ...]:
    # one matched word -> its terms; cached because a corpus repeats a small vocabulary
    parts = _split_hyphenated(word) if "-" in word else [word]
    kept = (stem(p) for p in parts if len(p) >= 2 and p not in STOPWORDS)
    return tuple(t for t in kept if t not in STOPWORDS)


def tokens(text: str, mask: frozenset[str] = frozenset()) -> list[str]:
    """The content words of `text`, in order: folded, stemmed, without stopwords, digits,
    one-letter words or any word in `mask` (compare with stemmed forms)."""
    found = list(chain.from_iterable(map(_terms, _WORD.findall(fold(text)))))
    return [t for t in found if t not in mask] if mask else found


def split_acronym_title(title: str) -> tuple[str, str] | None:
    """`PAK MAWARDI (Pengurusan Akta Kematian ...)` -> (`PAK MAWARDI`, `Pengurusan ...`).

    Also reads the reverse order, `Expansion (ACRONYM)`: the part with fewer words is the
    acronym. None when the title has no parenthesised part.
    """
    match = _ACRONYM_TITLE.match(title.strip())
    if not match:
        return None
    outer, inner = match["outer"].strip(), match["inner"].strip()
    if len(outer.split()) <= len(inner.split()):
        return outer, inner
    return inner, outer


def title_tokens(title: str, mask: frozenset[str] = frozenset()) -> list[str]:
    """The title's content words, counting both an acronym and its expansion; a multi-word
    acronym also counts glued (`Pak Mawardi` -> `pakmawardi`), so a name written either
    way (`PAKMAWARDI`, `Pak Mawardi`) matches."""
    words = tokens(title, mask)
    parts = split_acronym_title(title)
    if parts is not None:
        letters = [w for w in _WORD.findall(fold(parts[0])) for w in w.split("-")]
        glued = "".join(letters)
        if len(letters) >= 2 and glued not in mask:
            words.append(glued)
    return words


def units(text: str) -> list[str]:
    """Sentence-like units (split at `.`, `!`, `?`, `;`, brackets and line breaks); the
    pieces in which form boilerplate repeats from one proposal to the next."""
    return [u.strip() for u in _UNIT_BREAK.split(text) if u.strip()]


def unit_key(unit: str) -> str:
    """A unit's identity for spotting repeats: its content words, space-joined."""
    return " ".join(tokens(unit))


@lru_cache(maxsize=50_000)  # a national corpus names a few hundred regions, over and over
def place_words(region: str | None, agency: str | None = None) -> frozenset[str]:
    """Words naming places in a region and in an agency's name, to be masked.

    Every content word of the region counts (`Kota Mojokerto, Jawa Timur`); in the agency
    only the words after a place marker do (`Puskesmas Kedundung, Kota Mojokerto` ->
    kedundung, mojokerto), because the rest names a field of work (`Dinas Kesehatan`).
    """
    words: set[str] = set(tokens(region)) if region else set()
    if agency:
        for clause in re.split(r"[,;()]", fold(agency)):
            raw = _WORD.findall(clause)
            marks = [i for i, w in enumerate(raw) if w in _PLACE_MARKERS]
            if marks:
                words.update(tokens(" ".join(raw[marks[0] + 1 :])))
    return frozenset(words - _PLACE_MARKERS)


def agency_phrase(agency: str | None, mask: frozenset[str]) -> tuple[str, ...]:
    """The field-of-work words of an agency's name (`Dinas Kependudukan dan Pencatatan
    Sipil Kota Mojokerto` -> kependudukan, pencatatan, sipil); a proposal that repeats its
    own agency's name says nothing about its idea."""
    if not agency:
        return ()
    head = re.split(r"[,;()]", agency)[0]
    return tuple(tokens(head, mask | ADMIN_WORDS))


def remove_phrase(words: list[str], phrase: tuple[str, ...]) -> list[str]:
    """`words` without the contiguous occurrences of `phrase` (phrases under two words are
    left alone: a single word like `kesehatan` is part of the idea as often as of a name)."""
    size = len(phrase)
    if size < 2 or size > len(words):
        return words
    out: list[str] = []
    start = at = 0  # words[start:at] are kept; at is where the phrase is looked for next
    while True:
        try:
            at = words.index(phrase[0], at)
        except ValueError:
            break
        if tuple(words[at : at + size]) == phrase:
            out.extend(words[start:at])
            at = start = at + size
        else:
            at += 1
    out.extend(words[start:])
    return out


def mask_of(names: Iterable[tuple[str | None, str | None]]) -> frozenset[str]:
    """The mask for a collection: administrative words plus the place words of every
    (region, agency) pair given."""
    words: set[str] = set(ADMIN_WORDS)
    for region, agency in names:
        words |= place_words(region, agency)
    return frozenset(words)


@lru_cache(maxsize=50_000)
def own_mask(region: str | None, agency: str | None) -> frozenset[str]:
    """`mask_of` one (region, agency) pair: what a corpus entry masks in its own text
    (cached: a national corpus repeats its regions and agencies)."""
    return mask_of([(region, agency)])
