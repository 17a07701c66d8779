"""What the domain says about a proposal: gate details, measure evidence, shortlist reasons."""

EVIDENCE: dict[str, dict[str, str]] = {
    # labels
    "section.summary": {"id": "Ringkasan", "en": "Summary"},
    "section.background": {"id": "Latar Belakang", "en": "Background"},
    "section.novelty": {"id": "Kebaruan", "en": "Novelty"},
    "section.implementation": {"id": "Implementasi", "en": "Implementation"},
    "section.significance": {"id": "Signifikansi", "en": "Significance"},
    "section.adaptability": {"id": "Adaptabilitas", "en": "Adaptability"},
    "section.resources": {"id": "Sumber Daya", "en": "Resources"},
    "section.sustainability": {"id": "Keberlanjutan", "en": "Sustainability"},
    "attachment.decree": {"id": "SK penetapan inovasi", "en": "decree (SK)"},
    "attachment.video": {"id": "video", "en": "video"},
    "attachment.evidence": {"id": "bukti pendukung", "en": "supporting evidence"},
    "stage.inisiatif": {"id": "inisiatif", "en": "initiative"},
    "stage.uji_coba": {"id": "uji coba", "en": "trial"},
    "stage.penerapan": {"id": "penerapan", "en": "implementation"},
    "component.service_time": {"id": "Waktu layanan", "en": "Service time"},
    "component.cost": {"id": "Biaya", "en": "Cost"},
    "component.satisfaction": {"id": "Kepuasan (IKM)", "en": "Satisfaction"},
    "component.complaints": {"id": "Pengaduan", "en": "Complaints"},
    "component.reach": {"id": "Jangkauan", "en": "Reach"},
    # gates
    "gate.min_age": {
        "id": "Mulai {started}: {months} bulan sebelum batas pendaftaran ({deadline}); {rule}.",
        "en": "Started {started}: {months} months before the deadline ({deadline}); {rule}.",
    },
    "gate.min_age.after": {
        "id": "Mulai {started}: setelah batas pendaftaran ({deadline}); {rule}.",
        "en": "Started {started}: after the deadline ({deadline}); {rule}.",
    },
    "gate.min_age.rule": {
        "id": "ketentuan minimal {required} bulan",
        "en": "the call requires {required}",
    },
    "gate.min_age.rule_pandemic": {
        "id": "ketentuan minimal {required} bulan untuk inovasi terkait pandemi",
        "en": "the call requires {required} for a pandemic-related innovation",
    },
    "gate.word_caps.ok": {
        "id": "Semua bagian dalam batas kata (paling mendekati batas: {section} {words}/{cap} kata).",
        "en": "Every section within its limit (closest: {section} {words}/{cap} words).",
    },
    "gate.word_caps.none": {
        "id": "Kompetisi ini tidak membatasi jumlah kata.",
        "en": "The call sets no word limits.",
    },
    "gate.word_caps.over": {
        "id": "Bagian yang terlalu panjang: {items}.",
        "en": "Sections that are too long: {items}.",
    },
    "gate.word_caps.item": {
        "id": "{section} {words} kata (batas {cap})",
        "en": "{section} {words} words (limit {cap})",
    },
    "gate.sections.ok": {
        "id": "Semua bagian wajib terisi.",
        "en": "Every required section is filled in.",
    },
    "gate.sections.empty": {
        "id": "Bagian kosong: {sections}.",
        "en": "Empty sections: {sections}.",
    },
    "gate.attachments.ok": {
        "id": "Lampiran lengkap: {items}.",
        "en": "Attachments present: {items}.",
    },
    "gate.attachments.none": {
        "id": "Kompetisi ini tidak mewajibkan lampiran.",
        "en": "The call requires no attachment.",
    },
    "gate.attachments.missing": {
        "id": "Lampiran belum ada: {items}.",
        "en": "Missing attachments: {items}.",
    },
    "gate.stage.ok": {"id": "Tahapan: {stage}.", "en": "Stage: {stage}."},
    "gate.stage.bad": {
        "id": "Tahapan {stage}; kompetisi ini menerima: {allowed}.",
        "en": "Stage {stage}; the call accepts: {allowed}.",
    },
    "gate.unique_title.ok": {
        "id": "Tidak ada proposal lain dengan judul ini.",
        "en": "No other proposal has this title.",
    },
    "gate.unique_title.repeat": {
        "id": "Judul sama dengan judul proposal lain dari {others}.",
        "en": "Same title as another proposal, from {others}.",
    },
    # the call's limit on proposals SENT per agency (a gate, before scoring); the
    # shortlist's limit on NOMINEES per agency is `shortlist.agency_limit`
    "gate.per_agency.ok": {
        "id": "{agency} mengirim {count} proposal; batas pengiriman {max} proposal per instansi.",
        "en": "{agency} sent {count:p:proposal/proposals}; the call lets an agency send at most {max}.",
    },
    "gate.per_agency.unlimited": {
        "id": "{agency} mengirim {count} proposal; tidak ada batas jumlah proposal yang boleh "
        "dikirim per instansi.",
        "en": "{agency} sent {count:p:proposal/proposals}; the call does not limit how many proposals "
        "an agency may send.",
    },
    "gate.per_agency.over": {
        "id": "{agency} mengirim {count} proposal; batas pengiriman {max} proposal per instansi: "
        "pilih yang akan dikirim.",
        "en": "{agency} sent {count} proposals; the call lets an agency send at most {max}: "
        "choose which to send.",
    },
}

EVIDENCE |= {
    # impact
    "impact.reduction": {
        "id": "{component}: {before} → {after} {unit} (turun {pct}%).",
        "en": "{component}: {before} → {after} {unit} ({pct}% less).",
    },
    "impact.worse": {
        "id": "{component}: {before} → {after} {unit}, memburuk: komponen bernilai 0.",
        "en": "{component}: {before} → {after} {unit}, got worse: the component counts as 0.",
    },
    "impact.zero_baseline": {
        "id": "{component}: nilai sebelum 0, penurunan tidak dapat dihitung: komponen bernilai 0.",
        "en": "{component}: the before value is 0, so no reduction can be computed: counts as 0.",
    },
    "impact.missing": {
        "id": "{component}: tidak ada data sebelum/sesudah: komponen bernilai 0.",
        "en": "{component}: no before/after data: the component counts as 0.",
    },
    "impact.satisfaction": {
        "id": "{component}: {before} → {after} ({pct}% dari kenaikan yang mungkin).",
        "en": "{component}: {before} → {after} ({pct}% of the possible gain).",
    },
    "impact.reach": {
        "id": "{component}: {beneficiaries} dari {population} sasaran ({pct}%).",
        "en": "{component}: {beneficiaries} of {population} targeted ({pct}%).",
    },
    "impact.reach_over": {
        "id": "{component}: penerima manfaat ({beneficiaries}) melebihi populasi sasaran "
        "({population}); periksa angkanya: dihitung 100%.",
        "en": "{component}: beneficiaries ({beneficiaries}) exceed the target population "
        "({population}); check the figures: counted as 100%.",
    },
    "impact.reach_missing": {
        "id": "{component}: penerima manfaat atau populasi sasaran tidak diisi: komponen bernilai 0.",
        "en": "{component}: beneficiaries or target population not given: counts as 0.",
    },
    "impact.summary": {
        "id": "Skor dampak {score}: rata-rata 5 komponen, {available} di antaranya berdata.",
        "en": "Impact score {score}: mean of 5 components, {available} of them with data.",
    },
    "unit.hours": {"id": "jam", "en": "hours"},
    "unit.rupiah": {"id": "rupiah", "en": "rupiah"},
    "unit.per_month": {"id": "per bulan", "en": "per month"},
    # adaptability
    "adaptability.none": {
        "id": "Belum ada replikasi yang dinyatakan.",
        "en": "No replication declared.",
    },
    "adaptability.count": {
        "id": "Direplikasi {count} kali: {places}.",
        "en": "Replicated {count} time(s): {places}.",
    },
}

EVIDENCE |= {
    "impact.satisfaction_worse": {
        "id": "{component}: {before} → {after}, memburuk: komponen bernilai 0.",
        "en": "{component}: {before} → {after}, got worse: the component counts as 0.",
    },
    # novelty
    "novelty.score": {
        "id": "Skor kebaruan {score} = 1 − kemiripan tertinggi dengan inovasi terdahulu ({similarity}).",
        "en": "Novelty score {score} = 1 − highest similarity to a prior innovation ({similarity}).",
    },
    "novelty.no_corpus": {
        "id": "Tidak ada inovasi terdahulu dalam korpus inovasi terdahulu sampai batas waktu kompetisi.",
        "en": "The prior-innovation corpus holds no prior innovation up to the call's cut-off.",
    },
    "novelty.nearest": {
        "id": "Paling mirip: {title} ({agency}, {year}), kemiripan {similarity}.",
        "en": "Closest: {title} ({agency}, {year}), similarity {similarity}.",
    },
    "novelty.nearest_same_year": {
        "id": "Paling mirip: {title} ({agency}, {year}, tahun kompetisi ini; dibandingkan karena "
        "tahun mulai penerapannya tidak diketahui), kemiripan {similarity}.",
        "en": "Closest: {title} ({agency}, {year}, the call's own year; compared because the "
        "year it began is unknown), similarity {similarity}.",
    },
    "novelty.flag_prior": {
        "id": "Kemungkinan replikasi dari {title} ({agency}), kemiripan {similarity}: "
        "replikasi sah bila dinyatakan; periksa uraiannya.",
        "en": "Possible replication of {title} ({agency}), similarity {similarity}: "
        "replication is legitimate when declared; check the proposal.",
    },
    "novelty.flag_batch": {
        "id": "Kemungkinan duplikat dengan proposal {title} ({agency}), kemiripan {similarity}.",
        "en": "Possible duplicate of proposal {title} ({agency}), similarity {similarity}.",
    },
    "novelty.review": {
        "id": "Mirip dengan {title} (kemiripan {similarity}): perlu ditinjau juri.",
        "en": "Similar to {title} (similarity {similarity}): reviewers should look.",
    },
    # scoring
    "criterion.level": {
        "id": "Skor {score:.{places}f} → level otomatis {level} dari 5 (ambang level 2-5: "
        "{thresholds}).",
        "en": "Score {score:.{places}f} → automatic level {level} of 5 (level 2-5 thresholds: "
        "{thresholds}).",
    },
    "criterion.awaiting_reviewers": {
        "id": "Menunggu penilaian juri.",
        "en": "Awaiting reviewers' scores.",
    },
    # shortlist
    "shortlist.selected": {
        "id": "Masuk daftar pendek: peringkat {rank} dari {count}.",
        "en": "Shortlisted: ranked {rank} of {count}.",
    },
    "shortlist.outside": {
        "id": "Peringkat {rank} dari {count}; daftar pendek memuat {size} proposal.",
        "en": "Ranked {rank} of {count}; the shortlist holds {size}.",
    },
    "shortlist.agency_limit": {
        "id": "Peringkat {rank}; {agency} sudah memiliki {max} nominasi, yaitu {holders:j:; }, "
        "sebanyak batas nominasi per instansi.",
        "en": "Ranked {rank}; {agency} already has {max} nominee(s), namely {holders:j:; }, "
        "the limit on nominees per agency.",
    },
    "shortlist.category_limit": {
        "id": "Peringkat {rank}; kategori {category} sudah memiliki {max} nominasi (batas per kategori).",
        "en": "Ranked {rank}; category {category} already has {max} nominee(s) (the limit).",
    },
    "status.ineligible": {
        "id": "Tidak memenuhi syarat: {gates}.",
        "en": "Not eligible: {gates}.",
    },
    "status.invalid": {
        "id": "Berkas tidak valid: {count} masalah.",
        "en": "Invalid file: {count} problem(s).",
    },
}

# The one vocabulary of statuses (kipp.results.ProposalStatus, and unread files), lower case
# for use mid-sentence; every document, the terminal and the Prefect UI say these words.
# "Dinilai" alone ("10 dinilai") counts every scored proposal, on the shortlist or not.
EVIDENCE |= {
    "status.label.shortlisted": {"id": "masuk daftar pendek", "en": "shortlisted"},
    "status.label.scored": {
        "id": "dinilai tetapi tidak masuk daftar pendek",
        "en": "scored but not shortlisted",
    },
    "status.label.ineligible": {"id": "tidak memenuhi syarat", "en": "ineligible"},
    "status.label.invalid": {"id": "tidak valid", "en": "invalid"},
    "status.label.unread": {"id": "tidak terbaca", "en": "unread"},
}

EVIDENCE |= {
    "summary.heading": {"id": "Daftar pendek {call}", "en": "{call} shortlist"},
    "summary.counts": {
        "id": "{proposals:p:proposal} dari {files:p:berkas}: {shortlisted} masuk daftar pendek, {scored} dinilai tetapi tidak masuk daftar pendek, {ineligible} tidak memenuhi syarat, {invalid} tidak valid; {unread:p:berkas} tidak terbaca.",
        "en": "{proposals:p:proposal/proposals} from {files:p:file/files}: {shortlisted} shortlisted, {scored} scored but not shortlisted, {ineligible} ineligible, {invalid} invalid; {unread:p:file/files} unread.",
    },
    "summary.col.rank": {"id": "Peringkat", "en": "Rank"},
    "summary.col.title": {"id": "Judul", "en": "Title"},
    "summary.col.agency": {"id": "Instansi", "en": "Agency"},
    "summary.col.category": {"id": "Kategori", "en": "Category"},
    "summary.col.total": {"id": "Total", "en": "Total"},
    "summary.col.status": {"id": "Status", "en": "Status"},
    "summary.files": {"id": "Dokumen: {paths}", "en": "Documents: {paths}"},
}

EVIDENCE |= {
    "impact.implausible_zero": {
        "id": "{component}: {before} → 0 {unit}, tidak masuk akal; periksa angkanya: komponen bernilai 0.",
        "en": "{component}: {before} → 0 {unit} is implausible; check the figure: counts as 0.",
    },
}
