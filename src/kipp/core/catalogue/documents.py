"""Labels and headings of the documents (shortlist.md, shortlist.html), both languages.

Keys used by the templates directly (`t("doc.col.rank")`) are plain labels; keys with
`{parameters}` are rendered by `kipp.documents.render.views`, which formats the numbers first.
"""

DOCUMENTS: dict[str, dict[str, str]] = {
    "doc.field.file": {"id": "(berkas)", "en": "(file)"},
    "doc.field.header": {"id": "(baris judul kolom)", "en": "(header)"},
    "doc.field.row": {"id": "(baris)", "en": "(row)"},
    # heading and summary
    "doc.title": {"id": "Daftar Pendek Nominasi Inovasi", "en": "Innovation nomination shortlist"},
    "doc.call": {"id": "Kompetisi", "en": "Call"},
    "doc.run_date": {"id": "Tanggal proses", "en": "Run date"},
    "doc.summary": {
        "id": "{proposals:p:proposal} dari {files:p:berkas}; {scored} di antaranya dinilai.",
        "en": "{proposals:p:proposal/proposals} from {files:p:file/files}; {scored} of them "
        "scored.",
    },
    "doc.summary.unread": {
        "id": "{proposals:p:proposal} dari {readable:p:berkas}, dan {unread:p:berkas} tidak "
        "terbaca; {scored} di antaranya dinilai.",
        "en": "{proposals:p:proposal/proposals} from {readable:p:file/files}, and "
        "{unread:p:file/files} unread; {scored} of them scored.",
    },
    "doc.provisional.title": {"id": "SEMENTARA", "en": "PROVISIONAL"},
    "doc.provisional.reviews": {
        "id": "{received} dari {expected} penilaian juri sudah masuk.",
        "en": "{received} of {expected} reviews are in.",
    },
    "doc.provisional.moving": {
        "id": "Bagian yang dinilai juri ({share} dari seluruh bobot) masih dapat berubah pada "
        "{count:p:proposal} sampai semua penilaian masuk.",
        "en": "The reviewers' part ({share} of the total weight) can still change for "
        "{count:p:proposal/proposals} until every review is in.",
    },
    "doc.provisional.panel": {
        "id": "Nilai juri dinormalisasi terhadap rata-rata dan simpangan baku seluruh tim "
        "penilai, sehingga nilai total yang penilaiannya sudah lengkap pun masih dapat bergeser.",
        "en": "Reviewers' scores are normalised to the whole panel's mean and standard deviation, "
        "so even a total whose own reviews are complete can still move.",
    },
    "doc.provisional.awaiting": {
        "id": "Belum dinilai juri pada {count:p:proposal}: {criteria}; totalnya dihitung dari "
        "{share} bobot yang sudah dinilai.",
        "en": "Not yet scored by reviewers for {count:p:proposal/proposals}: {criteria}; their "
        "totals are computed from the {share} of the weight scored so far.",
    },
    "doc.provisional.awaiting_named": {
        "id": "Belum dinilai juri pada {count:p:proposal} ({titles}): {criteria}; totalnya "
        "dihitung dari {share} bobot yang sudah dinilai.",
        "en": "Not yet scored by reviewers for {count:p:proposal/proposals} ({titles}): "
        "{criteria}; their totals are computed from the {share} of the weight scored so far.",
    },
    "doc.provisional.assignments": {
        "id": "Daftar penugasan juri tidak terbaca utuh: belum dapat dipastikan semua penilaian "
        "sudah masuk.",
        "en": "The reviewers' assignments could not be read in full: it cannot be known that "
        "every review is in.",
    },
    "doc.provisional.marker": {
        "id": "sementara: {share} bobot dinilai",
        "en": "provisional: {share} of the weight scored",
    },
    "doc.provisional.marker.reviews": {
        "id": "sementara: {received} dari {expected} penilaian masuk",
        "en": "provisional: {received} of {expected} reviews in",
    },
    "doc.provisional.marker.panel": {
        "id": "sementara: penilaian juri lain belum lengkap",
        "en": "provisional: other reviews still missing",
    },
    "doc.provisional.marker.assignments": {
        "id": "sementara: penugasan juri tidak terbaca utuh",
        "en": "provisional: assignments not fully read",
    },
    "doc.none": {"id": "Tidak ada.", "en": "None."},
    "doc.range": {"id": "{low}–{high}", "en": "{low}–{high}"},
    "doc.nominees.skipped": {
        "id": "Tidak masuk daftar pendek meski peringkatnya di atas nominasi terakhir: "
        "peringkat {ranks}. Alasan masing-masing tercantum pada bagian “{section}”.",
        "en": "Left out of the shortlist although ranked above the last nominee: rank {ranks}. "
        "The reason for each is under “{section}”.",
    },
    "doc.near_cutoff": {"id": "dekat batas", "en": "near the cut-off"},
    "doc.untitled": {"id": "(tanpa judul)", "en": "(untitled)"},
    "doc.not_given": {"id": "(tidak diisi)", "en": "(not given)"},
    # sections
    "doc.section.nominees": {"id": "Nominasi", "en": "Nominees"},
    "doc.section.scored": {
        "id": "Dinilai tetapi tidak masuk daftar pendek",
        "en": "Scored but not shortlisted",
    },
    "doc.section.ineligible": {"id": "Tidak memenuhi syarat", "en": "Ineligible"},
    "doc.section.invalid": {"id": "Proposal tidak valid", "en": "Invalid proposals"},
    "doc.section.unread": {"id": "Berkas tidak terbaca", "en": "Unread files"},
    "doc.section.ignored": {"id": "Sengaja dilewati", "en": "Skipped on purpose"},
    "doc.section.notices": {"id": "Catatan pembacaan berkas", "en": "Notes from reading the files"},
    "doc.section.manifest": {"id": "Catatan proses", "en": "Run record"},
    "doc.ignored.note": {
        "id": "Nama berawalan titik atau garis bawah tidak dibaca.",
        "en": "Names starting with a dot or an underscore are not read.",
    },
    # table headers
    "doc.col.rank": {"id": "Peringkat", "en": "Rank"},
    "doc.col.title": {"id": "Judul", "en": "Title"},
    "doc.col.agency": {"id": "Instansi", "en": "Agency"},
    "doc.col.category": {"id": "Kategori", "en": "Category"},
    "doc.col.group": {"id": "Kelompok", "en": "Group"},
    "doc.col.total": {"id": "Nilai total", "en": "Total"},
    "doc.col.reason": {"id": "Alasan", "en": "Reason"},
    "doc.col.criterion": {"id": "Kriteria", "en": "Criterion"},
    "doc.col.weight": {"id": "Bobot", "en": "Weight"},
    "doc.col.level": {"id": "Level", "en": "Level"},
    "doc.col.description": {"id": "Arti level", "en": "What the level means"},
    "doc.col.evidence": {"id": "Bukti", "en": "Evidence"},
    "doc.col.gate": {"id": "Syarat", "en": "Gate"},
    "doc.col.result": {"id": "Hasil", "en": "Result"},
    "doc.col.detail": {"id": "Rincian", "en": "Detail"},
    "doc.col.id": {"id": "Kode", "en": "Id"},
    "doc.col.source": {"id": "Berkas sumber", "en": "Source file"},
    "doc.col.field": {"id": "Isian", "en": "Field"},
    "doc.col.location": {"id": "Letak", "en": "Location"},
    "doc.col.severity": {"id": "Jenis", "en": "Severity"},
    "doc.col.message": {"id": "Masalah", "en": "Problem"},
    "doc.col.path": {"id": "Berkas", "en": "File"},
    "doc.col.sha256": {"id": "SHA-256", "en": "SHA-256"},
    "doc.col.kind": {"id": "Jenis", "en": "Kind"},
    "doc.col.year": {"id": "Tahun", "en": "Year"},
    "doc.col.similarity": {"id": "Kemiripan", "en": "Similarity"},
    "doc.col.note": {"id": "Catatan", "en": "Note"},
    # one nominee
    "doc.nominee.criteria": {"id": "Penilaian per kriteria", "en": "Criteria"},
    "doc.nominee.novelty": {
        "id": "Kebaruan: inovasi dan proposal paling mirip",
        "en": "Novelty: the closest innovations and proposals",
    },
    "doc.nominee.novelty_score": {"id": "Skor kebaruan", "en": "Novelty score"},
    "doc.nominee.no_neighbours": {
        "id": "Tidak ada pembanding yang mirip.",
        "en": "No comparable innovation found.",
    },
    "doc.nominee.no_novelty": {
        "id": "Kebaruan tidak diukur untuk proposal ini.",
        "en": "Novelty was not measured for this proposal.",
    },
    "doc.nominee.gates": {"id": "Syarat yang dipenuhi", "en": "Gates passed"},
    "doc.nominee.notes": {"id": "Catatan pembacaan berkas", "en": "Notes from reading the file"},
    "doc.level.value": {"id": "{level}/{max}", "en": "{level}/{max}"},
    "doc.level.awaiting": {"id": "menunggu juri", "en": "awaiting reviewers"},
    # novelty neighbours and flags
    "doc.neighbour.prior": {"id": "inovasi terdahulu", "en": "prior innovation"},
    "doc.neighbour.batch": {
        "id": "proposal lain dalam kumpulan ini",
        "en": "proposal in this batch",
    },
    "doc.neighbour.same_year": {
        "id": "{year} (tahun kompetisi ini)",
        "en": "{year} (the call's own year)",
    },
    "doc.flag.prior": {"id": "kemungkinan replikasi", "en": "possible replication"},
    "doc.flag.batch": {"id": "kemungkinan duplikat", "en": "possible duplicate"},
    "doc.flag.review": {"id": "mirip: perlu ditinjau", "en": "similar: worth a look"},
    "doc.flags.title": {"id": "Tanda untuk juri", "en": "Flags for reviewers"},
    "doc.flags.note": {
        "id": "Tanda adalah bahan pemeriksaan, bukan putusan: replikasi sah bila dinyatakan. "
        "Juri perlu memeriksa uraian proposal.",
        "en": "A flag is evidence, not a verdict: replication is legitimate when declared. "
        "Reviewers should check the proposal.",
    },
    "doc.flag.sentence.prior": {
        "id": "Kemungkinan replikasi dari {title} ({agency}, {year}): kemiripan {similarity}.",
        "en": "Possible replication of {title} ({agency}, {year}): similarity {similarity}.",
    },
    "doc.flag.sentence.batch": {
        "id": "Kemungkinan duplikat dengan proposal {title} ({agency}): kemiripan {similarity}.",
        "en": "Possible duplicate of proposal {title} ({agency}): similarity {similarity}.",
    },
    # gates
    "doc.gate.passed": {"id": "terpenuhi", "en": "passed"},
    "doc.gate.failed": {"id": "tidak terpenuhi", "en": "failed"},
    "doc.ineligible.failed": {"id": "Syarat tidak terpenuhi", "en": "Failed gates"},
    # problems
    "doc.location.line": {"id": "baris {line}", "en": "line {line}"},
    "doc.location.cell": {
        "id": "baris {line}, kolom {column}",
        "en": "row {line}, column {column}",
    },
    "doc.severity.error": {"id": "kesalahan", "en": "error"},
    "doc.severity.warning": {"id": "peringatan", "en": "warning"},
    # manifest
    "doc.manifest.rubric": {"id": "Rubrik", "en": "Rubric"},
    "doc.manifest.rubric_sha256": {"id": "SHA-256 rubrik", "en": "Rubric SHA-256"},
    "doc.manifest.code_version": {"id": "Versi kipp", "en": "kipp version"},
    "doc.manifest.corpus": {"id": "Korpus inovasi terdahulu", "en": "Prior-innovation corpus"},
    "doc.manifest.corpus_sha256": {"id": "SHA-256 korpus", "en": "Corpus SHA-256"},
    "doc.manifest.corpus_entries": {"id": "Entri korpus", "en": "Corpus entries"},
    "doc.manifest.inputs_sha256": {
        "id": "SHA-256 daftar berkas masukan",
        "en": "SHA-256 of the input files' list",
    },
    "doc.manifest.inputs_count": {"id": "{count:p:berkas}", "en": "{count:p:file/files}"},
    "doc.manifest.corpus_entries_value": {
        "id": "{used} dari {entries} entri dipakai (inovasi hingga {cutoff})",
        "en": "{used} of {entries} entries used (innovations up to {cutoff})",
    },
    # the run's work began (the flow); its results were complete (before the documents)
    "doc.manifest.started": {"id": "Proses dimulai", "en": "Run started"},
    "doc.manifest.finished": {"id": "Hasil selesai dihitung", "en": "Results computed"},
    "doc.manifest.language": {"id": "Bahasa", "en": "Language"},
    "doc.manifest.shortlist_size": {"id": "Ukuran daftar pendek", "en": "Shortlist size"},
    "doc.manifest.inputs": {"id": "Berkas masukan", "en": "Input files"},
    "doc.manifest.generated": {
        "id": "Dibuat oleh kipp {version}.",
        "en": "Produced by kipp {version}.",
    },
    "doc.language.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "doc.language.en": {"id": "Bahasa Inggris", "en": "English"},
    # groups and categories of the KIPP calls; a rubric's other values are shown as written
    "doc.group.umum": {"id": "Umum", "en": "General"},
    "doc.group.khusus": {"id": "Khusus", "en": "Special"},
    "doc.category.inklusif": {
        "id": "Pelayanan publik inklusif",
        "en": "Inclusive public service",
    },
    "doc.category.tpb": {
        "id": "Tujuan Pembangunan Berkelanjutan (TPB)",
        "en": "Sustainable Development Goals (SDGs)",
    },
    "doc.category.ketahanan": {
        "id": "Ketahanan instansi publik",
        "en": "Public-institution resilience",
    },
    # reviewers
    "doc.section.reviews": {"id": "Penilaian juri", "en": "Reviewers' scoring"},
    "doc.reviews.summary": {
        "id": "{completed} dari {assigned} penilaian selesai, oleh {reviewers} juri.",
        "en": "{completed} of {assigned} reviews completed, by {reviewers} reviewer(s).",
    },
    "doc.reviews.complete": {
        "id": "Semua penilaian selesai: nilai total final.",
        "en": "Every review is complete: totals are final.",
    },
    "doc.reviews.complete_assigned": {
        "id": "Semua penilaian yang ditugaskan selesai.",
        "en": "Every assigned review is complete.",
    },
    "doc.reviews.adjustments": {"id": "Penyesuaian per juri", "en": "Adjustment per reviewer"},
    "doc.reviews.adjustments.note": {
        "id": "Angka di tabel ini dibulatkan ke {decimals} desimal, seperti di perhitungan tiap "
        "nominasi dan di kartu nilai.",
        "en": "The figures of this table are rounded to {decimals} decimals, as in each "
        "nominee's and each scorecard's computation.",
    },
    "doc.col.name": {"id": "Nama", "en": "Name"},
    "doc.col.scores": {"id": "Jumlah nilai", "en": "Scores"},
    "doc.col.mean": {"id": "Rata-rata", "en": "Mean"},
    "doc.col.difference": {
        "id": "Selisih dari rata-rata tim penilai",
        "en": "Difference from the panel",
    },
    "doc.col.shift": {"id": "Rata-rata yang dipakai", "en": "Mean used"},
    "doc.col.factor": {"id": "Faktor sebaran", "en": "Spread factor"},
    # how a proposal's numbers are computed (kipp.documents.render.explanation_views)
    "doc.explain.title": {"id": "Cara nilai dihitung", "en": "How the numbers are computed"},
    "doc.explain.col.steps": {"id": "Perhitungan", "en": "Computation"},
    "doc.explain.col.value": {"id": "Nilai yang dipakai (level)", "en": "Value used (level)"},
    "doc.explain.col.weight": {"id": "Bobot yang dihitung", "en": "Weight counted"},
    "doc.explain.col.points": {
        "id": "Poin (bobot × nilai ÷ 5 × 100)",
        "en": "Points (weight × value ÷ 5 × 100)",
    },
    "doc.reviews.method": {
        "id": "Nilai juri digabung dengan {aggregate}{normalised}; juri dianggap tidak sepakat "
        "bila nilai tertinggi dan terendah yang dipakai{basis} berselisih {threshold} atau "
        "lebih. Rentang peringkat dihitung dari {iterations} kali pengambilan ulang nilai juri.",
        "en": "Reviewers' scores are combined by {aggregate}{normalised}; reviewers are marked "
        "as disagreeing when the highest and lowest values used{basis} differ by {threshold} or "
        "more. Rank ranges from {iterations} resamplings of the reviews.",
    },
    "doc.reviews.resampling": {
        "id": "Setiap pengambilan ulang memilih kembali secara acak juri tiap proposal sebanyak "
        "jumlah jurinya (seorang juri dapat terpilih lebih dari sekali), lalu menghitung ulang "
        "nilai total dan peringkat. Urutan acaknya ditetapkan oleh angka benih {seed}, "
        "sehingga setiap perhitungan ulang memberi rentang yang sama.",
        "en": "Each resampling draws each proposal's reviewers again at random, as many as it "
        "has (a reviewer may be drawn more than once), then computes the totals and ranks "
        "again. The random sequence is fixed by the seed {seed}, so every "
        "recomputation gives the same ranges.",
    },
    "doc.reviews.spread_basis": {
        "id": " (sesudah dinormalisasi, bukan nilai yang diberikan juri)",
        "en": " (after normalisation, not the scores the reviewers gave)",
    },
    "doc.reviews.aggregate.mean": {"id": "rata-rata", "en": "the mean"},
    "doc.reviews.aggregate.median": {"id": "median", "en": "the median"},
    "doc.reviews.normalised": {
        "id": ", setelah nilai tiap juri dinormalisasi terhadap seluruh tim penilai",
        "en": ", after normalising each reviewer's scores to the panel",
    },
    "doc.reviews.problems": {
        "id": "Masalah pada lembar penilaian",
        "en": "Problems in the scoresheets",
    },
    "doc.col.reviewer": {"id": "Juri", "en": "Reviewer"},
    "doc.col.assigned": {"id": "Ditugaskan", "en": "Assigned"},
    "doc.col.completed": {"id": "Selesai", "en": "Completed"},
    "doc.col.started": {"id": "Dimulai", "en": "Started"},
    "doc.flags.more": {
        "id": "{total} kemiripan berada di atas ambang ({prior} inovasi terdahulu, {batch} "
        "proposal lain); yang terdekat dicantumkan di sini.",
        "en": "{total} similarities are above the flag ({prior:p:prior innovation/prior "
        "innovations}, {batch:p:other proposal/other proposals}); the closest are listed here.",
    },
    # the coordinator's decision
    "doc.approval.title": {"id": "Keputusan koordinator", "en": "Coordinator's decision"},
    "doc.approval.as_ranked": {
        "id": "Daftar pendek disetujui sesuai peringkat oleh {by}{at}.",
        "en": "Shortlist approved as ranked by {by}{at}.",
    },
    "doc.approval.moved": {
        "id": "Daftar pendek diputuskan oleh {by}{at}: {count} proposal dipindahkan.",
        "en": "Shortlist decided by {by}{at}: {count:p:proposal/proposals} moved.",
    },
    "doc.approval.at": {"id": " pada {at}", "en": " on {at}"},
    "doc.approval.note": {"id": "Catatan: {note}", "en": "Note: {note}"},
    "doc.approval.move.in": {
        "id": "{title}: dimasukkan. Alasan: {why}",
        "en": "{title}: moved in. Reason: {why}",
    },
    "doc.approval.move.out": {
        "id": "{title}: dikeluarkan. Alasan: {why}",
        "en": "{title}: moved out. Reason: {why}",
    },
    "doc.list.cut": {
        "id": "{shown} dari {total} baris ditampilkan; daftar lengkapnya ada di results.xlsx.",
        "en": "{shown} of {total} rows shown; the full list is in results.xlsx.",
    },
}
