"""The submission templates `kipp template` writes (the XLSX form and the Markdown proposal)
and the actionable advice the scorecards give.

`tpl.col.<path>` is a template column's header as a form writes it (read back by the
intake's own header table, `kipp.intake.headers`: the template checks each one reads as its
field); `tpl.note.<path>` says what to write in it. `advice.*` are the scorecards' advice:
when an innovation reaches the call's minimum age, how many words to cut per section, what
the next level of a criterion needs.
"""

TEMPLATES: dict[str, dict[str, str]] = {
    # the workbook
    "tpl.sheet.form": {"id": "Proposal", "en": "Proposals"},
    "tpl.sheet.guide": {"id": "Petunjuk", "en": "Instructions"},
    "tpl.guide.title": {
        "id": "Petunjuk pengisian formulir proposal inovasi {call}",
        "en": "How to fill in the innovation proposal form of {call}",
    },
    "tpl.guide.intro": {
        "id": "Tulis satu proposal per baris pada lembar {sheet}, mulai baris 2. Jangan mengubah judul kolom: kipp membaca setiap kolom menurut judulnya. Kolom yang tidak dipakai boleh dikosongkan.",
        "en": "Write one proposal per row of the {sheet} sheet, from row 2. Do not change the column headers: kipp reads each column by its header. Columns you do not use may stay empty.",
    },
    "tpl.guide.col.column": {"id": "Kolom", "en": "Column"},
    "tpl.guide.col.required": {"id": "Wajib diisi", "en": "Required"},
    "tpl.guide.col.what": {"id": "Yang ditulis", "en": "What to write"},
    "tpl.required": {"id": "Wajib", "en": "Required"},
    "tpl.optional": {"id": "Opsional", "en": "Optional"},
    "tpl.cap": {"id": "Paling banyak {cap} kata.", "en": "At most {cap} words."},
    "tpl.choose": {"id": "Pilih salah satu: {choices}.", "en": "Choose one of: {choices}."},
    "tpl.yes": {"id": "Ya", "en": "Yes"},
    "tpl.no": {"id": "Tidak", "en": "No"},
    "tpl.dv.choice.title": {"id": "Isian tidak dikenal", "en": "Unknown answer"},
    "tpl.dv.choice": {
        "id": "Pilih salah satu isian dari daftar.",
        "en": "Choose one of the answers in the list.",
    },
    "tpl.dv.date.title": {"id": "Bukan tanggal", "en": "Not a date"},
    "tpl.dv.date": {
        "id": "Tulis tanggal, misalnya 01/07/2019 (hari/bulan/tahun).",
        "en": "Write a date, e.g. 01/07/2019 (day/month/year).",
    },
    "tpl.dv.year.title": {"id": "Bukan tahun", "en": "Not a year"},
    "tpl.dv.year": {
        "id": "Tulis tahun dengan empat angka, misalnya 2021.",
        "en": "Write a year in four digits, e.g. 2021.",
    },
    "tpl.dv.number.title": {"id": "Bukan angka", "en": "Not a number"},
    "tpl.dv.number": {
        "id": "Tulis angka 0 atau lebih, tanpa satuan.",
        "en": "Write a number, 0 or more, without a unit.",
    },
    # column headers (each read back by the intake as its field)
    "tpl.col.title": {"id": "Judul Inovasi", "en": "Innovation title"},
    "tpl.col.agency": {"id": "Nama Instansi", "en": "Agency name"},
    "tpl.col.region": {"id": "Kabupaten/Kota", "en": "Region"},
    "tpl.col.group": {"id": "Kelompok Inovasi", "en": "Group"},
    "tpl.col.category": {"id": "Kategori Inovasi", "en": "Category"},
    "tpl.col.sdgs": {"id": "TPB yang Didukung", "en": "SDGs"},
    "tpl.col.started_on": {"id": "Tanggal Mulai Diterapkan", "en": "Date started"},
    "tpl.col.pandemic_related": {
        "id": "Terkait Pandemi COVID-19?",
        "en": "Related to the pandemic?",
    },
    "tpl.col.stage": {"id": "Tahapan Inovasi", "en": "Innovation stage"},
    "tpl.col.digital": {"id": "Inovasi Digital?", "en": "Digital"},
    "tpl.col.innovators.name": {"id": "Nama Inovator {n}", "en": "Innovators {n} name"},
    "tpl.col.innovators.role": {"id": "Jabatan Inovator {n}", "en": "Innovators {n} role"},
    "tpl.col.innovators.email": {"id": "Email Inovator {n}", "en": "Innovators {n} email"},
    "tpl.col.innovators.phone": {"id": "No. HP Inovator {n}", "en": "Innovators {n} phone"},
    "tpl.col.prior_awards.competition": {
        "id": "Kompetisi Penghargaan {n}",
        "en": "Prior awards {n} competition",
    },
    "tpl.col.prior_awards.year": {"id": "Tahun Penghargaan {n}", "en": "Prior awards {n} year"},
    "tpl.col.prior_awards.level": {
        "id": "Tingkat Penghargaan {n}",
        "en": "Prior awards {n} level",
    },
    "tpl.col.replications.agency": {
        "id": "Instansi Replikasi {n}",
        "en": "Replications {n} agency",
    },
    "tpl.col.replications.region": {"id": "Daerah Replikasi {n}", "en": "Replications {n} region"},
    "tpl.col.replications.year": {"id": "Tahun Replikasi {n}", "en": "Replications {n} year"},
    "tpl.col.section": {"id": "{section} (maks. {cap} kata)", "en": "{section} (max. {cap} words)"},
    "tpl.col.indicators.beneficiaries": {
        "id": "Jumlah Penerima Manfaat",
        "en": "Beneficiaries",
    },
    "tpl.col.indicators.target_population": {
        "id": "Jumlah Populasi Sasaran",
        "en": "Target population",
    },
    "tpl.col.indicators.service_time_before_hours": {
        "id": "Waktu Layanan Sebelum (jam)",
        "en": "Service time before (hours)",
    },
    "tpl.col.indicators.service_time_after_hours": {
        "id": "Waktu Layanan Sesudah (jam)",
        "en": "Service time after (hours)",
    },
    "tpl.col.indicators.cost_before_idr": {"id": "Biaya Sebelum (Rp)", "en": "Cost before (IDR)"},
    "tpl.col.indicators.cost_after_idr": {"id": "Biaya Sesudah (Rp)", "en": "Cost after (IDR)"},
    "tpl.col.indicators.satisfaction_before": {
        "id": "IKM Sebelum",
        "en": "Satisfaction before",
    },
    "tpl.col.indicators.satisfaction_after": {"id": "IKM Sesudah", "en": "Satisfaction after"},
    "tpl.col.indicators.complaints_before": {
        "id": "Jumlah Pengaduan Sebelum (per bulan)",
        "en": "Complaints before",
    },
    "tpl.col.indicators.complaints_after": {
        "id": "Jumlah Pengaduan Sesudah (per bulan)",
        "en": "Complaints after",
    },
    "tpl.col.attachments.decree": {"id": "Link SK Inovasi", "en": "Decree"},
    "tpl.col.attachments.video": {"id": "Link Video Inovasi", "en": "Video"},
    "tpl.col.attachments.evidence": {"id": "Link Bukti Dukung", "en": "Evidence"},
    # the sections as the KIPP form names its aspects (Markdown headings, column headers)
    "tpl.section.summary": {"id": "Ringkasan", "en": "Summary"},
    "tpl.section.background": {"id": "Latar Belakang dan Tujuan", "en": "Background and aims"},
    "tpl.section.novelty": {"id": "Kebaruan / Nilai Tambah", "en": "Novelty / added value"},
    "tpl.section.implementation": {"id": "Implementasi Inovasi", "en": "Implementation"},
    "tpl.section.significance": {"id": "Signifikansi", "en": "Significance"},
    "tpl.section.adaptability": {"id": "Adaptabilitas", "en": "Adaptability"},
    "tpl.section.resources": {"id": "Sumber Daya", "en": "Resources"},
    "tpl.section.sustainability": {
        "id": "Strategi Keberlanjutan",
        "en": "Sustainability strategy",
    },
    # what to write in each field
    "tpl.note.title": {
        "id": "Nama inovasi, beserta kepanjangannya bila berupa singkatan; 5 sampai 150 karakter.",
        "en": "The innovation's name, with what an acronym stands for; 5 to 150 characters.",
    },
    "tpl.note.agency": {
        "id": "Nama instansi pengusul (perangkat daerah, unit kerja, puskesmas, sekolah).",
        "en": "The proposing agency (department, unit, health centre, school).",
    },
    "tpl.note.region": {
        "id": "Kabupaten/kota instansi pengusul, misalnya Kota Mojokerto.",
        "en": "The proposing agency's regency or city, e.g. Kota Mojokerto.",
    },
    "tpl.note.group": {"id": "Kelompok kompetisi.", "en": "The competition group."},
    "tpl.note.category": {"id": "Kategori kompetisi.", "en": "The competition category."},
    "tpl.note.sdgs": {
        "id": "Nomor Tujuan Pembangunan Berkelanjutan (TPB) yang didukung, 1 sampai 17, dipisah koma, misalnya 3, 10.",
        "en": "The numbers of the Sustainable Development Goals supported, 1 to 17, separated by commas, e.g. 3, 10.",
    },
    "tpl.note.started_on": {
        "id": "Tanggal inovasi mulai diterapkan, misalnya 1 Juli 2019. Pada {deadline} inovasi harus sudah diterapkan paling sedikit {months} bulan ({pandemic} bulan bila terkait pandemi).",
        "en": "The date the innovation started, e.g. 1 July 2019. By {deadline} it must have run at least {months} months ({pandemic} months if it answers the pandemic).",
    },
    "tpl.note.pandemic_related": {
        "id": "Ya bila inovasi terkait penanganan pandemi COVID-19, Tidak bila bukan.",
        "en": "Yes if the innovation answers the COVID-19 pandemic, No otherwise.",
    },
    "tpl.note.stage": {"id": "Tahapan inovasi saat ini.", "en": "The innovation's stage now."},
    "tpl.note.digital": {
        "id": "Ya bila inovasi berbasis digital (aplikasi, laman, layanan daring), Tidak bila bukan.",
        "en": "Yes if the innovation is digital (an app, a website, an online service), No otherwise.",
    },
    "tpl.note.innovators.name": {
        "id": "Nama lengkap seorang anggota tim inovator.",
        "en": "The full name of a member of the innovation team.",
    },
    "tpl.note.innovators.role": {
        "id": "Jabatan atau peran orang itu dalam tim.",
        "en": "That person's position or role in the team.",
    },
    "tpl.note.innovators.email": {
        "id": "Alamat surel, misalnya nama@instansi.go.id.",
        "en": "E-mail address, e.g. name@agency.go.id.",
    },
    "tpl.note.innovators.phone": {
        "id": "Nomor telepon atau WhatsApp.",
        "en": "Phone or WhatsApp number.",
    },
    "tpl.note.prior_awards.competition": {
        "id": "Kompetisi yang pernah dimenangkan inovasi ini, misalnya Top 45 KIPP.",
        "en": "A competition the innovation has placed in, e.g. Top 45 KIPP.",
    },
    "tpl.note.prior_awards.year": {
        "id": "Tahun penghargaan, misalnya 2021.",
        "en": "The award's year, e.g. 2021.",
    },
    "tpl.note.prior_awards.level": {
        "id": "Tingkat atau peringkat, misalnya provinsi atau juara 1.",
        "en": "The level or place, e.g. provincial or first place.",
    },
    "tpl.note.replications.agency": {
        "id": "Instansi yang sudah mereplikasi inovasi ini.",
        "en": "An agency that has replicated the innovation.",
    },
    "tpl.note.replications.region": {
        "id": "Daerah instansi yang mereplikasi.",
        "en": "That agency's region.",
    },
    "tpl.note.replications.year": {
        "id": "Tahun replikasi, misalnya 2021.",
        "en": "The year of the replication, e.g. 2021.",
    },
    "tpl.note.sections.summary": {
        "id": "Gambaran singkat inovasi: masalah, cara kerja, dan hasil utamanya.",
        "en": "The innovation in short: the problem, how it works and its main results.",
    },
    "tpl.note.sections.background": {
        "id": "Masalah yang dijawab beserta datanya, akar penyebabnya, dan tujuan yang terukur.",
        "en": "The problem it answers with its data, its causes, and measurable aims.",
    },
    "tpl.note.sections.novelty": {
        "id": "Apa yang baru dibandingkan layanan sebelumnya dan inovasi serupa.",
        "en": "What is new compared with the previous service and similar innovations.",
    },
    "tpl.note.sections.implementation": {
        "id": "Langkah pelaksanaan, pelaksananya, jadwalnya, serta kendala dan cara mengatasinya.",
        "en": "The steps, who carries them out, the timeline, and the obstacles and how they were solved.",
    },
    "tpl.note.sections.significance": {
        "id": "Dampak yang terukur: data sebelum dan sesudah inovasi, dan jumlah penerima manfaat.",
        "en": "Measured impact: figures before and after the innovation, and how many people benefit.",
    },
    "tpl.note.sections.adaptability": {
        "id": "Replikasi yang sudah terjadi dan peluang inovasi ditiru instansi lain.",
        "en": "Replications so far and how other agencies could copy the innovation.",
    },
    "tpl.note.sections.resources": {
        "id": "Anggaran, sumber daya manusia, metode, dan sarana yang digunakan.",
        "en": "The budget, staff, methods and equipment used.",
    },
    "tpl.note.sections.sustainability": {
        "id": "Cara inovasi dipertahankan: dasar hukum, anggaran rutin, kelembagaan, dan dukungan masyarakat.",
        "en": "How the innovation is kept going: legal basis, recurring budget, institutions and community support.",
    },
    "tpl.note.indicators.beneficiaries": {
        "id": "Jumlah orang yang sudah menerima manfaat inovasi, misalnya 1.200.",
        "en": "How many people have benefited from the innovation, e.g. 1,200.",
    },
    "tpl.note.indicators.target_population": {
        "id": "Jumlah populasi sasaran inovasi.",
        "en": "The size of the innovation's target population.",
    },
    "tpl.note.indicators.service_time_before_hours": {
        "id": "Lama layanan sebelum inovasi, dalam jam (2 hari ditulis 48).",
        "en": "How long the service took before the innovation, in hours (2 days is 48).",
    },
    "tpl.note.indicators.service_time_after_hours": {
        "id": "Lama layanan sesudah inovasi, dalam jam.",
        "en": "How long the service takes with the innovation, in hours.",
    },
    "tpl.note.indicators.cost_before_idr": {
        "id": "Biaya layanan bagi warga sebelum inovasi, dalam rupiah, misalnya 50.000.",
        "en": "What the service cost a citizen before the innovation, in rupiah, e.g. 50,000.",
    },
    "tpl.note.indicators.cost_after_idr": {
        "id": "Biaya layanan bagi warga sesudah inovasi, dalam rupiah.",
        "en": "What the service costs a citizen with the innovation, in rupiah.",
    },
    "tpl.note.indicators.satisfaction_before": {
        "id": "Indeks Kepuasan Masyarakat (IKM) sebelum inovasi, 0 sampai 100, misalnya 76,5.",
        "en": "The satisfaction index (IKM) before the innovation, 0 to 100, e.g. 76.5.",
    },
    "tpl.note.indicators.satisfaction_after": {
        "id": "Indeks Kepuasan Masyarakat (IKM) sesudah inovasi, 0 sampai 100.",
        "en": "The satisfaction index (IKM) with the innovation, 0 to 100.",
    },
    "tpl.note.indicators.complaints_before": {
        "id": "Jumlah pengaduan per bulan sebelum inovasi.",
        "en": "Complaints per month before the innovation.",
    },
    "tpl.note.indicators.complaints_after": {
        "id": "Jumlah pengaduan per bulan sesudah inovasi.",
        "en": "Complaints per month with the innovation.",
    },
    "tpl.note.attachments.decree": {
        "id": "Tautan atau nama berkas SK penetapan inovasi.",
        "en": "A link to (or the file name of) the decree establishing the innovation.",
    },
    "tpl.note.attachments.video": {
        "id": "Tautan video profil inovasi.",
        "en": "A link to the innovation's video.",
    },
    "tpl.note.attachments.evidence": {
        "id": "Tautan atau nama berkas bukti pendukung; pisahkan dengan titik koma.",
        "en": "Links to (or file names of) supporting evidence, separated by semicolons.",
    },
    # the Markdown proposal
    "tpl.md.intro": {
        "id": "Proposal inovasi untuk {call}. Isi setiap isian di bawah. Baris yang diawali # adalah petunjuk dan tidak dibaca kipp.",
        "en": "An innovation proposal for {call}. Fill in every entry below. Lines starting with # are instructions; kipp does not read them.",
    },
    "tpl.md.id": {
        "id": "kode (opsional): kode singkat proposal, huruf kecil dan tanda hubung, misalnya layanan-kesehatan-keliling; tanpa kode, nama berkas dipakai.",
        "en": "id (optional): a short code for the proposal, lowercase with hyphens, e.g. mobile-health-service; without one, the file name is used.",
    },
    "tpl.md.list": {
        "id": "Boleh lebih dari satu: ulangi butir yang diawali tanda -, atau tulis [] bila tidak ada.",
        "en": "May hold several: repeat the item starting with -, or write [] when there are none.",
    },
    "tpl.md.example": {"id": "Contoh:", "en": "Example:"},
    "tpl.md.sections": {
        "id": "Uraian ditulis di bawah judul ## masing-masing, sesudah tanda --- penutup.",
        "en": "The sections are written under their ## headings, after the closing ---.",
    },
    "tpl.md.section_note": {
        "id": "{note} Hapus petunjuk ini atau biarkan: kipp tidak membacanya.",
        "en": "{note} Delete this note or keep it: kipp does not read it.",
    },
    # kipp template
    "cli.template.written": {
        "id": "templat proposal ditulis ke {folder}: {files}",
        "en": "proposal templates written to {folder}: {files}",
    },
    "error.template.exists": {
        "id": "berkas sudah ada: {paths}; kipp tidak menimpa berkas yang tidak ditulisnya",
        "en": "already there: {paths}; kipp does not overwrite files it did not write",
    },
    "hint.template.exists": {
        "id": "pindahkan atau hapus berkas itu, atau tulis templat ke folder lain: kipp template FOLDER_LAIN",
        "en": "move or delete that file, or write the templates to another folder: kipp template OTHER_FOLDER",
    },
    "error.template.not_folder": {
        "id": "{folder} adalah sebuah berkas, bukan folder",
        "en": "{folder} is a file, not a folder",
    },
    "hint.template.not_folder": {
        "id": "sebutkan folder tempat templat ditulis: kipp template FOLDER",
        "en": "name the folder to write the templates in: kipp template FOLDER",
    },
    "error.template.unwritable": {
        "id": "templat tidak dapat ditulis ke {folder}: {reason}",
        "en": "the templates cannot be written to {folder}: {reason}",
    },
    "hint.template.unwritable": {
        "id": "pilih folder yang dapat ditulis: kipp template FOLDER",
        "en": "choose a folder you can write to: kipp template FOLDER",
    },
    # the scorecards' advice: what the agency can do
    "advice.min_age": {
        "id": "Inovasi ini genap {months} bulan diterapkan pada {reached}; ajukan kembali paling cepat pada kompetisi tahun {year} (bila batas pendaftarannya {deadline}).",
        "en": "The innovation reaches {months} months on {reached}; enter again from the {year} call on (if its deadline is {deadline}).",
    },
    "advice.word_cap": {
        "id": "{section}: {words} kata, batas {cap}; kurangi {cut} kata.",
        "en": "{section}: {words} words, limit {cap}; cut {cut} words.",
    },
    "advice.criterion": {
        "id": "{criterion} (level {level}/{max}, bobot {weight}). Untuk mencapai level {next}: {description}",
        "en": "{criterion} (level {level}/{max}, weight {weight}). To reach level {next}: {description}",
    },
    "advice.intro.gates": {
        "id": "Yang perlu dilakukan agar proposal memenuhi syarat:",
        "en": "What to do for the proposal to meet the gates:",
    },
    "advice.intro.criteria": {
        "id": "Yang dibutuhkan setiap kriteria untuk naik satu level menurut rubrik, dimulai dari yang terlemah:",
        "en": "What each criterion needs to go up one level per the rubric, weakest first:",
    },
}
