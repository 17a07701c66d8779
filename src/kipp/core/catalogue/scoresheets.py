"""What a reviewer's scoresheet says: its column headings, the instructions sheet (the scale,
what each level means, the return deadline, how to send it back) and the evidence sheet
(attachments, indicators before and after, reach, replications, similar innovations)."""

SCORESHEETS: dict[str, dict[str, str]] = {
    # the scores sheet's columns (read back through the aliases of kipp.reviews.rows)
    "scoresheets.col.reviewer": {"id": "Juri", "en": "Reviewer"},
    "scoresheets.col.proposal": {"id": "Kode proposal", "en": "Proposal code"},
    "scoresheets.col.title": {"id": "Judul", "en": "Title"},
    "scoresheets.col.agency": {"id": "Instansi", "en": "Agency"},
    "scoresheets.col.comment": {"id": "Catatan", "en": "Comments"},
    # sheet names
    "scoresheets.sheet.scores": {"id": "Nilai", "en": "Scores"},
    "scoresheets.sheet.guide": {"id": "Petunjuk", "en": "Instructions"},
    "scoresheets.sheet.evidence": {"id": "Bukti", "en": "Evidence"},
    "scoresheets.sheet.texts": {"id": "Teks proposal", "en": "Proposal texts"},
    # the scores sheet's dropdown
    "scoresheets.prompt.title": {"id": "Nilai", "en": "Score"},
    "scoresheets.prompt": {
        "id": "Pilih bilangan bulat {min} sampai {max} dari daftar.",
        "en": "Choose a whole number from {min} to {max} from the list.",
    },
    # the instructions sheet
    "scoresheets.guide.heading": {
        "id": "Petunjuk pengisian lembar penilaian",
        "en": "How to fill in this scoresheet",
    },
    "scoresheets.guide.reviewer": {"id": "Juri", "en": "Reviewer"},
    "scoresheets.guide.call": {"id": "Kompetisi", "en": "Competition"},
    "scoresheets.guide.deadline": {"id": "Batas pengembalian", "en": "Return by"},
    "scoresheets.guide.deadline.none": {
        "id": "Sesuai pemberitahuan koordinator.",
        "en": "As the coordinator tells you.",
    },
    "scoresheets.guide.proposals": {"id": "Proposal yang dinilai", "en": "Proposals to score"},
    "scoresheets.guide.proposals.count": {
        "id": "{count} proposal pada lembar '{sheet}'.",
        "en": "{count:p:proposal/proposals} on the '{sheet}' sheet.",
    },
    "scoresheets.guide.scale": {"id": "Skala nilai", "en": "Scale"},
    "scoresheets.guide.scale.text": {
        "id": "Beri setiap kriteria nilai bilangan bulat {min} sampai {max}: {min} paling "
        "rendah, {max} paling tinggi. Arti setiap nilai per kriteria tercantum di bawah. Pilih "
        "nilai dari daftar pada sel; nilai lain akan ditolak.",
        "en": "Give each criterion a whole number from {min} to {max}: {min} is the lowest, "
        "{max} the highest. What each score means for each criterion is listed below. Choose "
        "the score from the cell's list; any other value is refused.",
    },
    "scoresheets.guide.fill": {"id": "Cara mengisi", "en": "How to fill it in"},
    "scoresheets.guide.fill.text": {
        "id": "Isi satu baris untuk setiap proposal pada lembar '{sheet}'. Nilai yang kosong "
        "dianggap belum dinilai; lembar boleh dikembalikan sebagian. Tuliskan alasan singkat "
        "pada kolom '{comment}'.",
        "en": "Fill in one row per proposal on the '{sheet}' sheet. A blank score counts as "
        "not yet scored; a partly filled sheet may be returned. Give brief reasons in the "
        "'{comment}' column.",
    },
    "scoresheets.guide.evidence": {"id": "Bukti", "en": "Evidence"},
    "scoresheets.guide.evidence.text": {
        "id": "Lembar '{evidence}' memuat untuk setiap proposal: tautan lampiran (SK, video, "
        "bukti pendukung), indikator sebelum dan sesudah inovasi sebagaimana dilaporkan, "
        "jangkauan penerima manfaat, replikasi, dan inovasi serupa yang paling mirip. "
        "Kemiripan bernilai 0 sampai 1 (makin tinggi makin mirip); mulai {flag} proposal "
        "perlu diperiksa sebagai kemungkinan replikasi. Teks lengkap ada pada lembar "
        "'{texts}'.",
        "en": "The '{evidence}' sheet gives for each proposal: links to its attachments "
        "(decree, video, supporting evidence), its indicators before and after the innovation "
        "as reported, its reach, its replications and the most similar innovations. "
        "Similarity runs from 0 to 1 (higher is more similar); from {flag} a proposal should "
        "be checked as a possible replication. The full texts are on the '{texts}' sheet.",
    },
    "scoresheets.guide.evidence.no_novelty": {
        "id": "Lembar '{evidence}' memuat untuk setiap proposal: tautan lampiran (SK, video, "
        "bukti pendukung), indikator sebelum dan sesudah inovasi sebagaimana dilaporkan, "
        "jangkauan penerima manfaat dan replikasi. Kemiripan dengan inovasi lain belum "
        "dihitung untuk lembar ini. Teks lengkap ada pada lembar '{texts}'.",
        "en": "The '{evidence}' sheet gives for each proposal: links to its attachments "
        "(decree, video, supporting evidence), its indicators before and after the innovation "
        "as reported, its reach and its replications. Similarity to other innovations was not "
        "computed for this sheet. The full texts are on the '{texts}' sheet.",
    },
    "scoresheets.guide.return": {"id": "Cara mengembalikan", "en": "How to return it"},
    "scoresheets.guide.return.text": {
        "id": "Simpan berkas dalam format .xlsx, .ods atau .csv. Jangan mengubah judul kolom, "
        "kolom '{reviewer}' dan '{proposal}', maupun nama lembar '{sheet}'. Kirimkan berkas "
        "kepada koordinator sebelum batas pengembalian.",
        "en": "Save the file as .xlsx, .ods or .csv. Do not change the column headings, the "
        "'{reviewer}' and '{proposal}' columns or the name of the '{sheet}' sheet. Send the "
        "file back to the coordinator before the return date.",
    },
    "scoresheets.guide.blind": {"id": "Tanpa identitas", "en": "Blind review"},
    "scoresheets.guide.blind.text": {
        "id": "Nama instansi dan inovator disamarkan dan proposal disebut dengan kode paket. "
        "Lampiran tidak disertakan karena dapat memuat identitas; mintalah kepada koordinator "
        "bila diperlukan.",
        "en": "Agency and innovator names are masked and proposals are named by packet code. "
        "Attachments are left out because they may reveal who wrote the proposal; ask the "
        "coordinator for them if needed.",
    },
    "scoresheets.guide.col.criterion": {"id": "Kriteria", "en": "Criterion"},
    "scoresheets.guide.col.score": {"id": "Nilai", "en": "Score"},
    "scoresheets.guide.col.meaning": {"id": "Arti nilai", "en": "What it means"},
    "scoresheets.guide.no_level": {
        "id": "(tidak ada uraian untuk nilai ini pada rubrik)",
        "en": "(the rubric describes no level for this score)",
    },
    # the evidence sheet
    "scoresheets.evidence.col.proposal": {"id": "Kode proposal", "en": "Proposal code"},
    "scoresheets.evidence.col.item": {"id": "Bukti", "en": "Evidence"},
    "scoresheets.evidence.col.detail": {"id": "Keterangan", "en": "Details"},
    "scoresheets.evidence.title": {"id": "Judul", "en": "Title"},
    "scoresheets.evidence.decree": {"id": "SK penetapan inovasi", "en": "Decree"},
    "scoresheets.evidence.video": {"id": "Video", "en": "Video"},
    "scoresheets.evidence.supporting": {"id": "Bukti pendukung", "en": "Supporting evidence"},
    "scoresheets.evidence.not_attached": {"id": "Tidak dilampirkan", "en": "Not attached"},
    "scoresheets.evidence.attachments": {"id": "Lampiran", "en": "Attachments"},
    "scoresheets.evidence.withheld": {
        "id": "Tidak disertakan pada paket tanpa identitas; mintalah kepada koordinator bila "
        "diperlukan.",
        "en": "Left out of blind packets; ask the coordinator if needed.",
    },
    "scoresheets.evidence.service_time": {
        "id": "Waktu layanan (jam)",
        "en": "Service time (hours)",
    },
    "scoresheets.evidence.cost": {"id": "Biaya layanan (Rp)", "en": "Service cost (IDR)"},
    "scoresheets.evidence.satisfaction": {
        "id": "Indeks kepuasan masyarakat (0-100)",
        "en": "Satisfaction index (0-100)",
    },
    "scoresheets.evidence.complaints": {"id": "Jumlah pengaduan", "en": "Complaints"},
    "scoresheets.evidence.before_after": {
        "id": "sebelum {before}; sesudah {after}",
        "en": "before {before}; after {after}",
    },
    "scoresheets.evidence.figure": {"id": "{value}", "en": "{value}"},
    "scoresheets.evidence.not_given": {"id": "tidak diisi", "en": "not given"},
    "scoresheets.evidence.no_indicators": {
        "id": "Indikator sebelum dan sesudah",
        "en": "Indicators before and after",
    },
    "scoresheets.evidence.no_indicators.text": {
        "id": "Tidak ada indikator yang diisi.",
        "en": "No indicator given.",
    },
    "scoresheets.evidence.beneficiaries": {"id": "Penerima manfaat", "en": "Beneficiaries"},
    "scoresheets.evidence.target": {"id": "Populasi sasaran", "en": "Target population"},
    "scoresheets.evidence.reach": {"id": "Jangkauan", "en": "Reach"},
    "scoresheets.evidence.reach.text": {
        "id": "{share:.1f}% dari populasi sasaran",
        "en": "{share:.1f}% of the target population",
    },
    "scoresheets.evidence.replication": {"id": "Replikasi", "en": "Replication"},
    "scoresheets.evidence.replications": {"id": "Replikasi", "en": "Replications"},
    "scoresheets.evidence.no_replication": {
        "id": "Belum ada replikasi yang dilaporkan.",
        "en": "No replication reported.",
    },
    "scoresheets.evidence.similar_prior": {
        "id": "Inovasi terdahulu yang mirip",
        "en": "Similar prior innovation",
    },
    "scoresheets.evidence.similar_batch": {
        "id": "Proposal lain yang mirip dalam kumpulan ini",
        "en": "Similar proposal in this batch",
    },
    "scoresheets.evidence.neighbour": {
        "id": "{title} ({agency}); kemiripan {similarity:.2f}",
        "en": "{title} ({agency}); similarity {similarity:.2f}",
    },
    "scoresheets.evidence.neighbour.year": {
        "id": "{title} ({agency}, {year}); kemiripan {similarity:.2f}",
        "en": "{title} ({agency}, {year}); similarity {similarity:.2f}",
    },
    "scoresheets.evidence.packet": {
        "id": "{code}; kemiripan {similarity:.2f}",
        "en": "{code}; similarity {similarity:.2f}",
    },
    "scoresheets.evidence.similar": {"id": "Inovasi serupa", "en": "Similar innovations"},
    "scoresheets.evidence.no_similar": {
        "id": "Tidak ditemukan inovasi yang mirip.",
        "en": "No similar innovation found.",
    },
    "scoresheets.evidence.not_measured": {
        "id": "Kemiripan belum dihitung untuk lembar ini.",
        "en": "Similarity was not computed for this sheet.",
    },
    # the texts sheet
    "scoresheets.texts.proposal": {"id": "Kode proposal", "en": "Proposal code"},
    "scoresheets.texts.section": {"id": "Bagian", "en": "Section"},
    "scoresheets.texts.text": {"id": "Teks", "en": "Text"},
    # the kipp-assign form
    "form.assign.deadline.title": {"id": "Batas pengembalian", "en": "Return by"},
    "form.assign.deadline.description": {
        "id": "Tanggal lembar penilaian harus dikembalikan (YYYY-MM-DD); kosongkan bila belum "
        "ditetapkan",
        "en": "The date the scoresheets are due back (YYYY-MM-DD); leave empty if not set",
    },
    "form.assign.corpus.title": {
        "id": "Korpus inovasi terdahulu (CSV)",
        "en": "Prior innovations (CSV)",
    },
    "form.assign.corpus.description": {
        "id": "Untuk inovasi serupa pada lembar Bukti; kosongkan untuk korpus bawaan",
        "en": "For the similar innovations on the Evidence sheet; leave empty for the "
        "bundled corpus",
    },
}
