"""What the Prefect run forms say about themselves (their sections and named choices) and
what a run's log says to the coordinator about the approval step and the other flows."""

FORMS: dict[str, dict[str, str]] = {
    "form.run.params.title": {"id": "Pengaturan penilaian", "en": "Scoring settings"},
    "form.run.params.description": {
        "id": "Pilihan untuk penilaian satu kumpulan proposal. Isian teks yang dikosongkan atau "
        "angka 0 berarti memakai nilai bawaan; bahasa dipilih menurut namanya.",
        "en": "What this run of scoring uses for one batch. An empty text or a 0 means the "
        "default; a language is chosen by its name.",
    },
    "form.validate.params.title": {"id": "Pengaturan pemeriksaan", "en": "Validation settings"},
    "form.validate.params.description": {
        "id": "Kumpulan proposal yang diperiksa terhadap format proposal. Rubrik yang dikosongkan "
        "berarti memakai rubrik bawaan kipp.",
        "en": "The batch checked against the submission format. An empty rubric means kipp's "
        "bundled rubric.",
    },
    "form.assign.params.title": {"id": "Pengaturan penugasan juri", "en": "Reviewer assignment"},
    "form.assign.params.description": {
        "id": "Penugasan juri untuk proposal yang memenuhi syarat. Isian teks yang dikosongkan "
        "atau angka 0 berarti memakai nilai bawaan.",
        "en": "Who reviews which eligible proposal. An empty text or a 0 means the default.",
    },
    "form.language.title": {"id": "Bahasa", "en": "Language"},
    "form.language.description": {
        "id": "Bahasa, dipilih menurut namanya",
        "en": "A language, chosen by its name",
    },
    "log.approval.waiting": {
        "id": "Menunggu keputusan koordinator paling lama {seconds} detik (pilih Resume di UI "
        "Prefect, lalu isi formulirnya)",
        "en": "Waiting up to {seconds} s for the coordinator's decision (Resume in the Prefect "
        "UI, then fill in the form)",
    },
    "log.approval.suspended": {
        "id": "Belum ada keputusan: proses tetap dijeda dan melepaskan worker-nya",
        "en": "No decision yet: the run stays paused and frees its worker",
    },
    "log.approval.refused": {
        "id": "Formulir persetujuan ditolak: {reason} ({hint})",
        "en": "Approval form refused: {reason} ({hint})",
    },
    "log.approval.decided": {
        "id": "Keputusan koordinator oleh {by}: {moved:p:proposal} dipindahkan",
        "en": "Coordinator's decision by {by}: {moved:p:proposal/proposals} moved",
    },
    "log.approval.timeout": {
        "id": "Tidak ada persetujuan dalam {seconds} detik; proses tanpa deployment tidak dapat "
        "tetap dijeda setelah prosesnya berakhir (sajikan deployment dengan kipp serve, atau "
        "jalankan tanpa --approval)",
        "en": "No approval within {seconds} s; a run without a deployment cannot stay paused "
        "after its process ends (serve the deployments with kipp serve, or run without "
        "--approval)",
    },
    "log.assign.written": {
        "id": "{files:p:berkas} lembar penilaian ditulis ke {folder}",
        "en": "{files:p:scoresheet file/scoresheet files} written to {folder}",
    },
    "ui.assign.assignments": {
        "id": "Penugasan juri: {proposals:p:proposal} x {per_proposal:p:juri}",
        "en": "Reviewer assignments: {proposals:p:proposal/proposals} x "
        "{per_proposal:p:reviewer/reviewers}",
    },
    "ui.assign.loads": {
        "id": "Jumlah proposal per juri; lembar penilaian di {folder}",
        "en": "Proposals per reviewer; scoresheets in {folder}",
    },
}
