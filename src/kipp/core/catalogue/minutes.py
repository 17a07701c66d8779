"""The batch settings (`_kumpulan.yaml`), the documents' technical annex and the minutes of
the selection (Berita Acara Hasil Seleksi)."""

MINUTES: dict[str, dict[str, str]] = {
    # the batch settings (kipp.intake.settings)
    "batch_settings.too_big": {
        "id": "{size:d} byte; berkas pengaturan kumpulan paling besar {max:d} byte",
        "en": "{size:d} bytes; the batch settings may hold at most {max:d}",
    },
    "batch_settings.not_mapping": {
        "id": "pengaturan kumpulan berupa kumpulan isian, paling sedikit dengan region: (nama "
        "pemerintah daerah)",
        "en": "the batch settings are a mapping, with at least region: (the region's name)",
    },
    "batch_settings.nip": {
        "id": "'{value}' bukan NIP; NIP terdiri atas {digits:d} angka (spasi di antara "
        "kelompok angka boleh)",
        "en": "'{value}' is not a NIP; a NIP has {digits:d} digits (spaces between the groups "
        "are allowed)",
    },
    "batch_settings.time_zone": {
        "id": "'{value}' bukan zona waktu; tulis WIB, WITA atau WIT, atau nama zona seperti "
        "Asia/Jakarta",
        "en": "'{value}' is not a time zone; write WIB, WITA or WIT, or a zone's name such as "
        "Asia/Jakarta",
    },
    # the shortlist's official pages and technical annex
    "minutes.doc.region": {"id": "Penyelenggara", "en": "Held by"},
    "minutes.doc.unread_note": {
        "id": "{files:p:berkas} tidak dapat dibaca sebagai proposal; nama berkas dan alasannya "
        "tercantum dalam Lampiran teknis.",
        "en": "{files:p:file/files} could not be read as proposals; the file names and the "
        "reasons are in the Technical annex.",
    },
    "minutes.doc.invalid.fields": {"id": "Isian bermasalah", "en": "Fields with problems"},
    "minutes.doc.invalid.note": {
        "id": "Letak dan rincian setiap masalah tercantum dalam Lampiran teknis.",
        "en": "Where each problem stands and what it is are in the Technical annex.",
    },
    "minutes.doc.batch_folder": {"id": "Folder kumpulan proposal", "en": "Batch folder"},
    "minutes.doc.technical": {"id": "Lampiran teknis", "en": "Technical annex"},
    "minutes.doc.technical.note": {
        "id": "Lampiran ini untuk pengelola data: kode proposal, berkas sumber, letak masalah "
        "dalam berkas, sidik berkas (SHA-256) dan waktu proses.",
        "en": "This annex is for whoever handles the data: proposal codes, source files, where "
        "problems stand in the files, file digests (SHA-256) and run times.",
    },
    "minutes.doc.technical.note_print": {
        "id": "Lampiran ini untuk pengelola data: kode proposal, berkas sumber, letak masalah "
        "dalam berkas, sidik (SHA-256) rubrik dan korpus, dan jumlah berkas masukan. Sidik "
        "tiap berkas masukan dan waktu proses tercantum dalam results.json dan "
        "shortlist.html, juga sidik daftar seluruh berkas itu (di shortlist.html); halaman "
        "ini tetap sama selama isinya sama.",
        "en": "This annex is for whoever handles the data: proposal codes, source files, where "
        "problems stand in the files, the digests (SHA-256) of the rubric and the corpus, and "
        "how many input files were read. Each input file's digest and the run times are in "
        "results.json and shortlist.html, and so is the digest of their whole list (in "
        "shortlist.html); these pages stay the same while what they show does.",
    },
    "minutes.doc.sources": {
        "id": "Proposal dan berkas sumbernya",
        "en": "Proposals and their files",
    },
    "minutes.doc.col.status": {"id": "Status", "en": "Status"},
    # the minutes of the selection (kipp.documents.render.minutes)
    "minutes.title": {"id": "Berita Acara Hasil Seleksi", "en": "Minutes of the selection"},
    "minutes.number": {"id": "Nomor", "en": "Number"},
    "minutes.opening.when": {"id": "Pada hari ini, {day},", "en": "On {day},"},
    "minutes.opening.place": {"id": "bertempat di {place},", "en": "at {place},"},
    "minutes.opening.basis": {"id": "berdasarkan {basis},", "en": "pursuant to {basis},"},
    "minutes.opening.held_region": {
        "id": "telah dilaksanakan rapat seleksi {call} di lingkungan {region}, dengan hasil "
        "sebagai berikut.",
        "en": "the selection meeting of {call} for {region} was held, with the following results.",
    },
    "minutes.opening.held": {
        "id": "telah dilaksanakan rapat seleksi {call}, dengan hasil sebagai berikut.",
        "en": "the selection meeting of {call} was held, with the following results.",
    },
    "minutes.section.panel": {"id": "Tim Penilai yang hadir", "en": "Panel present"},
    "minutes.panel.intro": {
        "id": "Rapat dihadiri oleh Tim Penilai sebagai berikut:",
        "en": "The following members of the panel were present:",
    },
    "minutes.section.received": {
        "id": "Proposal yang diterima, diperiksa dan dinilai",
        "en": "Proposals received, checked and scored",
    },
    "minutes.received": {
        "id": "Tim Penilai menerima {files:p:berkas} yang memuat {proposals:p:proposal}. "
        "Sebanyak {checked:p:proposal} diperiksa pemenuhan syaratnya, dan {scored:p:proposal} "
        "yang memenuhi syarat dinilai.",
        "en": "The panel received {files:p:file/files} holding "
        "{proposals:p:proposal/proposals}; {checked:p:proposal/proposals} were checked against "
        "the requirements, and the {scored:p:proposal/proposals} meeting them were scored.",
    },
    "minutes.received.unread": {
        "id": "Tim Penilai menerima {files:p:berkas}: {readable:p:berkas} memuat "
        "{proposals:p:proposal}, dan {unread:p:berkas} tidak terbaca. Sebanyak "
        "{checked:p:proposal} diperiksa pemenuhan syaratnya, dan {scored:p:proposal} yang "
        "memenuhi syarat dinilai.",
        "en": "The panel received {files:p:file/files}: {readable:p:file/files} holding "
        "{proposals:p:proposal/proposals}, and {unread:p:file/files} unread; "
        "{checked:p:proposal/proposals} were checked against the requirements, and the "
        "{scored:p:proposal/proposals} meeting them were scored.",
    },
    "minutes.received.reviewers": {
        "id": "Penilaian dilakukan oleh {n} orang juri.",
        "en": "The scoring was done by {n:p:reviewer/reviewers}.",
    },
    "minutes.received.deadline": {
        "id": "Batas waktu penilaian oleh juri adalah {date}.",
        "en": "The reviewers' deadline was {date}.",
    },
    "minutes.col.item": {"id": "Uraian", "en": "Item"},
    "minutes.col.count": {"id": "Jumlah", "en": "Count"},
    "minutes.col.number": {"id": "No.", "en": "No."},
    "minutes.col.name": {"id": "Nama", "en": "Name"},
    "minutes.col.role": {"id": "Kedudukan dalam tim", "en": "Role"},
    "minutes.col.position": {"id": "Jabatan", "en": "Position"},
    "minutes.col.signature": {"id": "Tanda tangan", "en": "Signature"},
    "minutes.count.files": {"id": "berkas diterima", "en": "files received"},
    "minutes.count.unread": {
        "id": "berkas tidak terbaca (tanpa proposal yang dapat dibaca)",
        "en": "files unread (no readable proposal)",
    },
    "minutes.count.proposals": {
        "id": "proposal diterima dari berkas yang terbaca",
        "en": "proposals received in the files read",
    },
    "minutes.section.nominees": {"id": "Daftar pendek", "en": "Shortlist"},
    "minutes.nominees.intro": {
        "id": "Berdasarkan hasil penilaian, Tim Penilai menetapkan {n} proposal inovasi berikut "
        "masuk daftar pendek untuk dinominasikan, menurut urutan peringkat:",
        "en": "On the scores, the panel places the following {n:p:proposal/proposals} on the "
        "shortlist for nomination, in rank order:",
    },
    "minutes.skipped.intro": {
        "id": "Proposal berikut berperingkat lebih tinggi daripada nominasi terakhir tetapi "
        "tidak masuk daftar pendek:",
        "en": "These proposals ranked above the last nominee but are not on the shortlist:",
    },
    "minutes.skipped": {"id": "{title} ({agency}): {reason}", "en": "{title} ({agency}): {reason}"},
    "minutes.section.decision": {
        "id": "Keputusan atas daftar pendek",
        "en": "Decision on the shortlist",
    },
    "minutes.decision.none": {
        "id": "Daftar pendek ditetapkan sesuai urutan peringkat hasil penilaian, tanpa perubahan.",
        "en": "The shortlist stands as ranked by the scores, without changes.",
    },
    "minutes.decision.moves": {
        "id": "Perubahan atas daftar pendek beserta alasannya:",
        "en": "Changes to the shortlist, with their reasons:",
    },
    "minutes.closing": {
        "id": "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
        "sebagaimana mestinya.",
        "en": "These minutes are drawn up truthfully, to be used as required.",
    },
    "minutes.section.signatures": {"id": "Tim Penilai", "en": "Review panel"},
    "minutes.role.chair": {"id": "Ketua", "en": "Chair"},
    "minutes.role.member": {"id": "Anggota", "en": "Member"},
    "minutes.role.coordinator": {"id": "Koordinator seleksi,", "en": "Selection coordinator,"},
    "minutes.role.official": {"id": "Mengetahui,", "en": "Acknowledged,"},
    "minutes.nip": {"id": "NIP {nip}", "en": "NIP {nip}"},
    "minutes.workbook.title": {
        "id": "Hasil Seleksi Inovasi Pelayanan Publik",
        "en": "Public service innovation selection results",
    },
    "minutes.doc.settings_problems": {
        "id": "Masalah dalam pengaturan kumpulan",
        "en": "Problems in the batch settings",
    },
}
