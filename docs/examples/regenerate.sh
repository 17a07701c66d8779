#!/usr/bin/env bash
# Make the sample documents of this folder again from today's code (README.md says what each
# file shows): two runs of the bundled sample batch (Indonesian, English) into a temporary
# folder, the files copied here, and the pages shown as images rendered with pdftoppm.
# Pages are found by their headings, not by number, so they follow the documents.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=docs/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

.venv/bin/kipp run submissions/mojokerto-2022 --out "$tmp/id"
.venv/bin/kipp run submissions/mojokerto-2022 --out "$tmp/en" --lang en

cp "$tmp/id/shortlist.pdf" "$here/shortlist.pdf"
cp "$tmp/en/shortlist.pdf" "$here/shortlist-en.pdf"
cp "$tmp/id/berita-acara.pdf" "$here/berita-acara.pdf"
cp "$tmp/id/berita-acara.docx" "$here/berita-acara.docx"
cp "$tmp/id/compliance.csv" "$here/compliance.csv"
cp "$tmp/id/scorecards/si-parto-dishub.pdf" "$here/scorecard-si-parto.pdf"
cp "$tmp/en/scorecards/gayatri.pdf" "$here/scorecard-gayatri-en.pdf"

page() {  # page() PDF TEXT: the number of the first page after the cover holding TEXT
    .venv/bin/python - "$1" "$2" <<'PY'
import sys
from pypdf import PdfReader
pages = PdfReader(sys.argv[1]).pages
print(next(i + 1 for i, p in enumerate(pages) if i and sys.argv[2] in (p.extract_text() or "")))
PY
}
shot() {  # shot PDF PAGE NAME: the page as NAME.png, 60 dpi
    pdftoppm -r 60 -png -f "$2" -l "$2" -singlefile "$1" "$here/$3"
}

rm -f "$here"/shortlist-page-*.png
pdf=$here/shortlist.pdf
shot "$pdf" 1 shortlist-cover
shot "$pdf" "$(page "$pdf" "Sebaran")" shortlist-nominees
shot "$pdf" "$(page "$pdf" "Cara nilai dihitung")" shortlist-nominee-arithmetic
shot "$pdf" "$(page "$pdf" "Satu Perangkat Daerah, Satu Inovasi")" shortlist-compliance
shot "$pdf" "$(page "$pdf" "Penyesuaian per juri")" shortlist-reviewers
shot "$pdf" "$(page "$pdf" "Lampiran teknis")" shortlist-technical-annex
shot "$here/berita-acara.pdf" 1 berita-acara-page-1
shot "$here/scorecard-si-parto.pdf" 1 scorecard-si-parto-page-1
shot "$here/scorecard-gayatri-en.pdf" 1 scorecard-gayatri-en-page-1
