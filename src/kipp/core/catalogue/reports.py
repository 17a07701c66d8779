"""Labels of the coordinators' and agencies' documents: PDF, scorecards, charts, compliance,
workbook."""

REPORTS: dict[str, dict[str, str]] = {
    # PDF shortlist
    "rep.pdf.contents": {"id": "Isi dokumen", "en": "Contents"},
    "rep.pdf.cover_note": {
        "id": "Disusun otomatis oleh kipp dari berkas proposal; rincian setiap nilai ada di halaman nominasi.",
        "en": "Produced automatically by kipp from the proposal files; each score is explained on the nominee's page.",
    },
    "rep.pdf.page_of": {"id": "Halaman", "en": "Page"},
    "rep.annex.title": {"id": "Lampiran", "en": "Annex"},
    "rep.annex.problems": {"id": "Masalah", "en": "Problems"},
    # charts
    "rep.chart.distribution": {
        "id": "Sebaran nilai total",
        "en": "Distribution of totals",
    },
    "rep.chart.distribution.desc": {
        "id": "{count} proposal dinilai; biru tua: masuk daftar pendek, biru muda: tidak; garis merah: nilai terendah di daftar pendek ({cutoff}).",
        "en": "{count:p:proposal/proposals} scored; dark blue: shortlisted, light blue: not shortlisted; red line: the lowest total on the shortlist ({cutoff}).",
    },
    "rep.chart.distribution.empty": {
        "id": "Belum ada proposal yang dinilai.",
        "en": "No proposal was scored.",
    },
    "rep.chart.cutoff": {"id": "batas {cutoff}", "en": "cut-off {cutoff}"},
    "rep.chart.axis.total": {"id": "Nilai total", "en": "Total"},
    "rep.chart.axis.count": {"id": "Jumlah proposal", "en": "Proposals"},
    "rep.chart.profile": {"id": "Profil per kriteria", "en": "Profile by criterion"},
    "rep.chart.profile.desc": {
        "id": "Level per kriteria (1–5) untuk {title}.",
        "en": "Level per criterion (1–5) for {title}.",
    },
    "rep.chart.awaiting": {"id": "menunggu juri", "en": "awaiting reviewers"},
    # compliance
    "rep.compliance.title": {
        "id": "Satu Perangkat Daerah, Satu Inovasi",
        "en": "One Agency, One Innovation",
    },
    "rep.compliance.summary": {
        "id": "{with_count} dari {agencies} perangkat daerah {region} mengajukan proposal; {without_count} belum.",
        "en": "{with_count} of {agencies} agencies of {region} submitted a proposal; {without_count} have not.",
    },
    "rep.compliance.registry": {"id": "Daftar perangkat daerah", "en": "Agency registry"},
    "rep.compliance.col.agency": {"id": "Perangkat daerah", "en": "Agency"},
    "rep.compliance.col.submitted": {"id": "Diajukan", "en": "Submitted"},
    "rep.compliance.col.valid": {"id": "Valid", "en": "Valid"},
    "rep.compliance.col.eligible": {"id": "Memenuhi syarat", "en": "Eligible"},
    "rep.compliance.col.shortlisted": {"id": "Masuk daftar pendek", "en": "Shortlisted"},
    "rep.compliance.col.names": {"id": "Nama di proposal", "en": "Names in the proposals"},
    "rep.compliance.col.total": {"id": "Jumlah", "en": "Total"},
    "rep.compliance.without": {
        "id": "Perangkat daerah yang belum mengajukan",
        "en": "Agencies with no proposal",
    },
    "rep.compliance.unknown": {
        "id": "Instansi pengusul yang tidak ada di daftar",
        "en": "Proposing agencies not in the registry",
    },
    "rep.compliance.unknown.note": {
        "id": "Tambahkan nama ini sebagai nama lain (aliases) atau unit di daftar perangkat daerah "
        "(berkas {file} di folder kumpulan proposal) bila termasuk perangkat daerah di daftar.",
        "en": "Add these names as aliases or units in the agency registry (the file {file} in the "
        "batch folder) when they belong to an agency of the registry.",
    },
    "rep.compliance.no_agency": {
        "id": "(tidak menyebut instansi)",
        "en": "(no agency named)",
    },
    "rep.compliance.unnamed": {
        "id": "{count} proposal tidak menyebut instansi.",
        "en": "{count:p:proposal names/proposals name} no agency.",
    },
    "rep.compliance.all_submitted": {
        "id": "Semua perangkat daerah di daftar sudah mengajukan.",
        "en": "Every agency in the registry has submitted.",
    },
    # scorecards
    "rep.scorecard.title": {"id": "Kartu Nilai Proposal", "en": "Proposal scorecard"},
    "rep.scorecard.status": {"id": "Status", "en": "Status"},
    "rep.scorecard.levels": {"id": "Nilai per kriteria", "en": "Levels by criterion"},
    "rep.scorecard.gates": {"id": "Syarat administrasi", "en": "Eligibility gates"},
    "rep.scorecard.gates_failed": {
        "id": "Syarat yang tidak terpenuhi",
        "en": "Gates not met",
    },
    "rep.scorecard.problems": {
        "id": "Masalah pada berkas proposal",
        "en": "Problems in the proposal file",
    },
    "rep.scorecard.comments": {"id": "Catatan juri", "en": "Reviewers' comments"},
    "rep.scorecard.comments_note": {
        "id": "Ditulis juri di lembar penilaiannya, apa adanya; huruf juri sama dengan huruf "
        "pada perhitungan nilai di atas.",
        "en": "As the reviewers wrote them in their scoresheets; each reviewer's letter is the "
        "one in the computation above.",
    },
    "rep.scorecard.comment_by": {"id": "Juri {label}", "en": "Reviewer {label}"},
    "rep.scorecard.nearest": {
        "id": "Inovasi terdahulu yang paling mirip",
        "en": "Closest prior innovations",
    },
    "rep.scorecard.no_prior": {
        "id": "Tidak ada inovasi terdahulu yang mirip di korpus.",
        "en": "No similar prior innovation in the corpus.",
    },
    "rep.scorecard.advice": {"id": "Saran perbaikan", "en": "How to improve"},
    "rep.scorecard.advice.none": {
        "id": "Semua kriteria yang dinilai otomatis sudah di level tertinggi.",
        "en": "Every automatically scored criterion is at the top level.",
    },
    "rep.scorecard.advice.gates": {
        "id": "Penuhi dahulu syarat yang tercantum di bawah; proposal yang tidak memenuhi syarat tidak dinilai.",
        "en": "First meet the gates listed below; a proposal that fails a gate is not scored.",
    },
    "rep.scorecard.advice.invalid": {
        "id": "Perbaiki masalah berkas yang tercantum di bawah; berkas yang tidak valid tidak dinilai.",
        "en": "Fix the file's problems listed below; an invalid file is not scored.",
    },
    "rep.scorecard.advice.awaiting": {
        "id": "Kriteria yang menunggu juri ({criteria}) belum dinilai.",
        "en": "Criteria awaiting reviewers ({criteria}) are not scored yet.",
    },
    "rep.scorecard.index": {"id": "Daftar kartu nilai", "en": "Scorecards"},
    "rep.scorecard.open": {"id": "Buka", "en": "Open"},
    # statuses as a reader sees them
    # the statuses of `status.label.*`, capitalised (the workbook's and scorecards' status)
    "rep.status.shortlisted": {"id": "Masuk daftar pendek", "en": "Shortlisted"},
    "rep.status.scored": {
        "id": "Dinilai tetapi tidak masuk daftar pendek",
        "en": "Scored but not shortlisted",
    },
    "rep.status.ineligible": {"id": "Tidak memenuhi syarat", "en": "Ineligible"},
    "rep.status.invalid": {"id": "Tidak valid", "en": "Invalid"},
    # workbook
    "rep.sheet.scores": {"id": "Nilai", "en": "Scores"},
    "rep.sheet.gates": {"id": "Syarat", "en": "Gates"},
    "rep.sheet.problems": {"id": "Masalah", "en": "Problems"},
    "rep.sheet.novelty": {"id": "Kebaruan", "en": "Novelty"},
    "rep.sheet.compliance": {"id": "Kepatuhan", "en": "Compliance"},
    "rep.sheet.run": {"id": "Proses", "en": "Run"},
    "rep.sheet.reviewers": {"id": "Penilaian juri", "en": "Reviewer scores"},
    "rep.col.reviewer": {"id": "Juri", "en": "Reviewer"},
    "rep.col.score": {"id": "Nilai diberikan", "en": "Score given"},
    "rep.col.score_used": {
        "id": "Nilai juri ini yang dipakai (skala 1–5)",
        "en": "This score as used (1–5 scale)",
    },
    "rep.col.mean": {"id": "Rata-rata", "en": "Mean"},
    "rep.col.median": {"id": "Median", "en": "Median"},
    "rep.col.used": {
        "id": "Gabungan nilai juri yang dipakai",
        "en": "Reviewers' combined value used",
    },
    "rep.col.spread": {"id": "Sebaran", "en": "Spread"},
    "rep.col.disagreement": {"id": "Juri tidak sepakat", "en": "Reviewers disagree"},
    "rep.col.status": {"id": "Status", "en": "Status"},
    "rep.col.provisional": {"id": "Sementara", "en": "Provisional"},
    "rep.col.scored_weight": {"id": "Bobot dinilai", "en": "Weight scored"},
    "rep.col.level_of": {"id": "{criterion} (level)", "en": "{criterion} (level)"},
    "rep.col.rank_of_neighbour": {"id": "Urutan", "en": "Order"},
    "rep.col.neighbour_id": {"id": "Kode pembanding", "en": "Neighbour id"},
    "rep.col.flag": {"id": "Tanda", "en": "Flag"},
    "rep.col.item": {"id": "Butir", "en": "Item"},
    "rep.col.value": {"id": "Nilai", "en": "Value"},
    "rep.yes": {"id": "ya", "en": "yes"},
    "rep.no": {"id": "tidak", "en": "no"},
    "rep.problem.unread": {"id": "tidak terbaca", "en": "unread"},
}
