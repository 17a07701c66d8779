"""What the pages officials read say instead of machine detail (the scoresheets' and the
agency registry's problems told in words, the scorecards' last line), the scoresheets'
headings as reviewers see them in messages, and the minutes of the selection as a DOCX."""

OFFICIAL: dict[str, dict[str, str]] = {
    # a scoresheet's column heading as the sheet shows it, quoted in a message
    "official.heading": {"id": "“{heading}”", "en": "“{heading}”"},
    # the scoresheets read back (kipp.reviews.rows, kipp.intake.review_sheets)
    "sheet.no_heading": {
        "id": "tidak ada kolom berjudul {columns}; baris {row:d} harus memuat judul kolom "
        "lembar penilaian yang ditulis kipp assign: {reviewer}, {proposal}, lalu satu kolom "
        "untuk setiap kriteria",
        "en": "no column headed {columns}; row {row:d} must hold the headings of the "
        "scoresheet kipp assign wrote: {reviewer}, {proposal}, then one column for each "
        "criterion",
    },
    "reviews.no_score_sheet_heading": {
        "id": "tidak ada lembar yang baris judul kolomnya memuat {reviewer} dan {proposal} "
        "(lembar: {sheets}); kembalikan lembar penilaian yang ditulis kipp assign",
        "en": "no sheet has {reviewer} and {proposal} in its header row (sheets: {sheets}); "
        "put back the scores sheet that kipp assign wrote",
    },
    # the shortlist's reviewers section: the scoresheets' problems, listed in the annex
    "official.reviews.problems": {
        "id": "Lembar penilaian yang dikembalikan juri memuat {n:p:masalah} "
        "({errors:p:kesalahan} dan {warnings:p:peringatan}) pada {sheets:p:berkas}. Nilai "
        "yang terkena kesalahan tidak dihitung sampai lembarnya diperbaiki dan dibaca ulang; "
        "peringatan tidak menghalangi penghitungan. Rincian dan letak setiap masalah tercantum "
        "dalam Lampiran teknis.",
        "en": "The scoresheets the reviewers returned hold {n:p:problem/problems} "
        "({errors:p:error/errors} and {warnings:p:warning/warnings}) in "
        "{sheets:p:file/files}. Scores affected by an error are not counted until the sheet "
        "is corrected and read again; warnings do not stop the count. Each problem and where "
        "it stands are listed in the technical annex.",
    },
    # the shortlist's compliance section with a broken agency registry
    "official.compliance.invalid": {
        "id": "Daftar perangkat daerah pada kumpulan ini tidak dapat dipakai karena memuat "
        "{n:p:kesalahan}, sehingga tabel kepatuhan “Satu Perangkat Daerah, Satu Inovasi” "
        "belum dapat disusun. Rincian dan letak setiap kesalahan tercantum dalam Lampiran "
        "teknis; setelah daftar diperbaiki, proses dijalankan ulang.",
        "en": "The batch's agency registry cannot be used because it holds "
        "{n:p:error/errors}, so the “One Agency, One Innovation” table cannot be drawn up "
        "yet. Each error and where it stands are listed in the technical annex; once the "
        "registry is corrected, the run is made again.",
    },
    "official.compliance.problems": {
        "id": "Masalah pada daftar perangkat daerah",
        "en": "Problems in the agency registry",
    },
    # a scorecard's last line: which proposal it is for, by title and agency
    "official.scorecard.for": {
        "id": "Kartu nilai ini untuk proposal {title} dari {agency}.",
        "en": "This scorecard is for the proposal {title} from {agency}.",
    },
    "official.scorecard.for_unnamed": {
        "id": "Kartu nilai ini untuk proposal {title}; instansi pengusulnya belum diisi.",
        "en": "This scorecard is for the proposal {title}; its proposing agency is not filled in.",
    },
    # the minutes of the selection as a DOCX (kipp.documents.render.minutes_docx)
    "official.docx.page": {"id": "Halaman", "en": "Page"},
}
