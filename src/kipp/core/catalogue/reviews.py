"""Sentences about human reviewers: panels, assignment, scoresheets, aggregation, and the
arithmetic that turns their scores into values and totals (`explain.*`)."""

REVIEWS: dict[str, dict[str, str]] = {
    "reviews.scores": {
        "id": "Nilai juri: {scores}.",
        "en": "Reviewers' scores: {scores}.",
    },
    "reviews.disagreement": {
        "id": "Juri tidak sepakat: selisih nilai {spread} (ambang {threshold}); sebaiknya "
        "tambahkan satu juri.",
        "en": "Reviewers disagree: scores spread {spread} (threshold {threshold}); consider "
        "an extra reviewer.",
    },
    "reviews.pending": {
        "id": "{received} dari {assigned} penilaian juri untuk proposal ini sudah masuk; "
        "total masih sementara.",
        "en": "{received} of {assigned} reviews of this proposal are in; the total is provisional.",
    },
    "reviews.extra_reviewer": {
        "id": "Juri tidak sepakat pada {criteria}: tambahkan satu juri untuk proposal ini.",
        "en": "Reviewers disagree on {criteria}: add a reviewer for this proposal.",
    },
    "reviews.interval": {
        "id": "Rentang peringkat {low}-{high} (pada {share} dari {iterations} kali pengambilan "
        "ulang nilai juri).",
        "en": "Rank range {low}-{high} ({share} of {iterations} resamples of the reviews).",
    },
    "reviews.interval_fixed": {
        "id": "Peringkat tetap {low} pada {share} dari {iterations} kali pengambilan ulang nilai "
        "juri (paling rendah peringkat {high}).",
        "en": "Rank {low} in {share} of {iterations} resamples of the reviews (at worst {high}).",
    },
    "reviews.near_cutoff": {
        "id": "Di sekitar batas daftar pendek (peringkat {cutoff}): posisinya dalam batas "
        "ketidakpastian nilai juri.",
        "en": "Near the shortlist cut-off (rank {cutoff}): its place is within the noise of "
        "the reviewers' scores.",
    },
    "reviews.progress": {
        "id": "{name}: {completed} dari {assigned} proposal selesai dinilai.",
        "en": "{name}: {completed} of {assigned} proposals scored.",
    },
}

# Returned scoresheets read together (kipp.reviews.rows, kipp.intake.review_sheets): the same
# reviewer and proposal in several places, a file named after another reviewer, a workbook
# holding a copy of its scores sheet.
REVIEWS |= {
    "sheet.copies_differ": {
        "id": "'{reviewer}' menilai '{proposal}' di {count} tempat dengan nilai yang berbeda "
        "({places:j:; }); tidak satu pun dipakai dan total '{proposal}' tetap sementara: "
        "simpan satu salinan, yang dimaksud juri, dan hapus salinan lainnya",
        "en": "'{reviewer}' scored '{proposal}' in {count} places with different scores "
        "({places:j:; }); none of them is used and the total of '{proposal}' stays "
        "provisional: keep one copy, the one the reviewer means, and remove the others",
    },
    "sheet.same_copy": {
        "id": "'{reviewer}' sudah menilai '{proposal}' dengan nilai yang sama di {where}; "
        "dihitung sekali, hapus salah satu salinan",
        "en": "'{reviewer}' scored '{proposal}' with the same scores in {where}; counted "
        "once, remove one of the copies",
    },
    "sheet.named_after_another": {
        "id": "nama berkas ini menunjuk '{named}', tetapi barisnya memuat nilai {others} dan "
        "dibaca sebagai nilai {others}; bila '{named}' mengisi lembar penilaian juri lain, "
        "keluarkan berkas ini dari _reviews/ dan mintalah lembar penilaian '{named}' sendiri",
        "en": "the file is named after '{named}', but its rows hold the scores of {others} "
        "and are read as theirs; if '{named}' filled in another reviewer's sheet, take this "
        "file out of _reviews/ and ask '{named}' for their own",
    },
    "sheet.scores_sheet_not_read": {
        "id": "lembar '{sheet}' juga memuat kolom juri dan kode proposal, tetapi tidak dibaca: "
        "kipp membaca lembar '{read}'; bila nilai yang dimaksud juri ada di '{sheet}', salin "
        "ke '{read}' lalu hapus lembar '{sheet}'",
        "en": "sheet '{sheet}' has reviewer and proposal columns too, but is not read: kipp "
        "reads sheet '{read}'; if the scores the reviewer means are in '{sheet}', copy them "
        "into '{read}' and delete sheet '{sheet}'",
    },
}

# What the documents say of reviews outside the assignments and of a batch whose scoresheets
# came back without assignments.csv (kipp.documents.render.review_views,
# kipp.documents.render.explanation_views).
REVIEWS |= {
    "reviews.unassigned": {
        "id": "Selain itu, {count:p:penilaian} di luar penugasan (assignments.csv) ikut "
        "dihitung dalam nilai total, tetapi tidak dalam hitungan penilaian di atas: {items:j:; }. "
        "Pastikan penugasan itu memang sengaja diubah; bila tidak, hapus barisnya dari lembar "
        "penilaian.",
        "en": "Besides, the totals count {count:p:review/reviews} outside the assignments "
        "(assignments.csv), which the count of reviews above leaves out: {items:j:; }. Check "
        "that the assignments were changed on purpose; if not, remove those rows from the "
        "scoresheets.",
    },
    "reviews.unassigned.item": {
        "id": "{reviewer} untuk {title}",
        "en": "{reviewer} for {title}",
    },
    "reviews.summary.no_assignments": {
        "id": "{completed:p:penilaian} selesai, oleh {reviewers} juri. Tidak ada assignments.csv "
        "di _reviews/, sehingga penilaian yang ditugaskan tidak diketahui dan semua nilai total "
        "masih sementara; kembalikan assignments.csv yang ditulis kipp assign bersama "
        "lembar-lembar penilaian ini.",
        "en": "{completed:p:review/reviews} completed, by {reviewers} reviewer(s). There is no "
        "assignments.csv in _reviews/, so the reviews assigned are unknown and every total is "
        "provisional; put back the assignments.csv that kipp assign wrote with these "
        "scoresheets.",
    },
    "reviews.notice.no_assignments": {
        "id": "Tidak ada daftar penugasan juri (assignments.csv) di _reviews/: penilaian yang "
        "ditugaskan tidak diketahui, sehingga belum dapat dipastikan semua penilaian sudah "
        "masuk; kembalikan assignments.csv yang ditulis kipp assign bersama lembar-lembar "
        "penilaian.",
        "en": "There is no list of the reviewers' assignments (assignments.csv) in _reviews/: "
        "the reviews assigned are unknown, so it cannot be known that every review is in; put "
        "back the assignments.csv that kipp assign wrote with the scoresheets.",
    },
    "reviews.marker.no_assignments": {
        "id": "sementara: tanpa assignments.csv",
        "en": "provisional: no assignments.csv",
    },
    "explain.reason.no_assignments": {
        "id": "Tidak ada daftar penugasan juri (assignments.csv) di _reviews/, jadi penilaian "
        "yang ditugaskan tidak diketahui dan belum dapat dipastikan semua penilaian sudah "
        "masuk; kembalikan assignments.csv yang ditulis kipp assign bersama lembar-lembar "
        "penilaian.",
        "en": "There is no list of the reviewers' assignments (assignments.csv) in _reviews/, "
        "so the reviews assigned are unknown and it cannot be known that every review is in; "
        "put back the assignments.csv that kipp assign wrote with the scoresheets.",
    },
}

REVIEWS |= {
    "reviews.sheet.error_title": {"id": "Nilai tidak valid", "en": "Invalid score"},
    "reviews.sheet.error": {
        "id": "Isi bilangan bulat {min} sampai {max}.",
        "en": "Enter a whole number from {min} to {max}.",
    },
}

# How a proposal's numbers are computed (kipp.documents.render.explanation_views): the
# parameters arrive formatted, each number at the precision the arithmetic used it.
REVIEWS |= {
    "explain.intro": {
        "id": "Nilai yang dipakai untuk setiap kriteria (1 sampai 5) dihitung ke dalam nilai "
        "total; level adalah nilai itu setelah dibulatkan. Pembulatan selalu setengah ke atas, "
        "dan angka hasil perhitungan yang dibulatkan untuk ditampilkan ditandai. Nilai juri "
        "yang sudah dinormalisasi dipakai seperti tertulis (4 angka desimal).",
        "en": "Each criterion's value used (1 to 5) goes into the total; its level is that value "
        "rounded. Rounding is always halves up, and a computed figure rounded for display says "
        "so. Reviewers' normalised scores are used as written (4 decimals).",
    },
    "explain.rounded": {"id": "{exact}, dibulatkan {shown}", "en": "{exact}, rounded to {shown}"},
    "explain.rounded_off": {"id": "{shown} (dibulatkan)", "en": "{shown} (rounded)"},
    "explain.word.score": {"id": "nilai", "en": "score"},
    "explain.word.level": {"id": "level", "en": "level"},
    "explain.footing": {
        "id": "Nilai juri dinormalisasi terhadap seluruh tim penilai, supaya juri yang cenderung "
        "longgar atau ketat tidak menggeser hasil: {x} ternormalisasi = rata-rata tim penilai + "
        "({x} − rata-rata juri) × faktor sebaran. Rata-rata tim penilai = {total} ÷ {scores} "
        "nilai = {mean}.",
        "en": "Reviewers' scores are normalised to the whole panel, so that a lenient or strict "
        "reviewer does not shift the results: normalised {x} = panel mean + ({x} − reviewer's "
        "mean) × spread factor. Panel mean = {total} ÷ {scores} scores = {mean}.",
    },
    "explain.shrinkage": {
        "id": "Rata-rata tiap juri dihitung seolah-olah ia memberi {shrinkage} nilai lagi sebesar "
        "rata-rata tim penilai (angka {shrinkage} ditetapkan rubrik): juri yang baru memberi sedikit "
        "nilai tidak dianggap longgar atau ketat hanya karena kebetulan, dan makin banyak nilainya, "
        "makin dekat rata-ratanya ke rata-rata nilainya sendiri.",
        "en": "Each reviewer's mean is computed as if they had given {shrinkage} more scores equal "
        "to the panel's mean (the rubric sets {shrinkage}): a reviewer who has given few scores is "
        "not taken as lenient or strict by chance, and the more scores they give, the closer "
        "their mean comes to their own scores' mean.",
    },
    "explain.reviewer.lenient": {
        "id": "Juri {label} cenderung longgar: rata-rata {count} nilai yang diberikannya "
        "{total} ÷ {count} = {mean}, {difference} lebih tinggi dari rata-rata tim penilai.",
        "en": "Reviewer {label} tends to be lenient: the mean of their {count} scores is "
        "{total} ÷ {count} = {mean}, {difference} above the panel's mean.",
    },
    "explain.reviewer.strict": {
        "id": "Juri {label} cenderung ketat: rata-rata {count} nilai yang diberikannya "
        "{total} ÷ {count} = {mean}, {difference} lebih rendah dari rata-rata tim penilai.",
        "en": "Reviewer {label} tends to be strict: the mean of their {count} scores is "
        "{total} ÷ {count} = {mean}, {difference} below the panel's mean.",
    },
    "explain.reviewer.above": {
        "id": "Juri {label}: rata-rata {count} nilai yang diberikannya {total} ÷ {count} = "
        "{mean}, {difference} lebih tinggi dari rata-rata tim penilai.",
        "en": "Reviewer {label}: the mean of their {count} scores is {total} ÷ {count} = "
        "{mean}, {difference} above the panel's mean.",
    },
    "explain.reviewer.below": {
        "id": "Juri {label}: rata-rata {count} nilai yang diberikannya {total} ÷ {count} = "
        "{mean}, {difference} lebih rendah dari rata-rata tim penilai.",
        "en": "Reviewer {label}: the mean of their {count} scores is {total} ÷ {count} = "
        "{mean}, {difference} below the panel's mean.",
    },
    "explain.reviewer.even": {
        "id": "Juri {label}: rata-rata {count} nilai yang diberikannya {total} ÷ {count} = "
        "{mean}, sama dengan rata-rata tim penilai (selisih {difference}).",
        "en": "Reviewer {label}: the mean of their {count} scores is {total} ÷ {count} = "
        "{mean}, the panel's mean (difference {difference}).",
    },
    "explain.reviewer.shift": {
        "id": "Rata-rata itu ditarik ke arah rata-rata tim penilai, makin kuat bila nilainya makin sedikit: "
        "rata-rata juri = ({total} + {shrinkage} × {panel}) ÷ ({count} + {shrinkage}) = "
        "{shift}.",
        "en": "That mean is drawn toward the panel's, the more so the fewer scores it rests on: "
        "reviewer's mean = ({total} + {shrinkage} × {panel}) ÷ ({count} + {shrinkage}) = "
        "{shift}.",
    },
    "explain.reviewer.factor": {
        "id": "Simpangan baku populasi nilainya (STDEV.P di Excel) {sd} dan simpangan baku "
        "populasi tim penilai {panel_sd} (keduanya dibulatkan); faktor sebaran = {panel_sd} ÷ √(({count} × {sd}² + {shrinkage} × "
        "{panel_sd}²) ÷ ({count} + {shrinkage})) = {factor} (dihitung dari angka sebelum "
        "dibulatkan).",
        "en": "Their scores' population standard deviation (STDEV.P in Excel) is {sd} and "
        "the panel's {panel_sd} (both rounded); spread factor = {panel_sd} ÷ √(({count} × {sd}² + {shrinkage} × "
        "{panel_sd}²) ÷ ({count} + {shrinkage})) = {factor} (computed from the figures before "
        "rounding).",
    },
    "explain.reviewer.reads": {
        "id": "Setiap {x} darinya dinormalisasi menjadi {panel} + ({x} − {shift}) × {factor}.",
        "en": "Each {x} of theirs is normalised to {panel} + ({x} − {shift}) × {factor}.",
    },
    "explain.score.level": {"id": "{score} (level {level})", "en": "{score} (level {level})"},
    "explain.score.given": {
        "id": "{given} dari juri {label}",
        "en": "{given} from reviewer {label}",
    },
    "explain.score.read": {
        "id": "{given} dari juri {label} → {used}",
        "en": "{given} from reviewer {label} → {used}",
    },
    "explain.score.capped_high": {
        "id": "{given} dari juri {label} → {used} (rumus memberi {formula}; paling tinggi 5)",
        "en": "{given} from reviewer {label} → {used} (the formula gives {formula}; 5 at most)",
    },
    "explain.score.capped_low": {
        "id": "{given} dari juri {label} → {used} (rumus memberi {formula}; paling rendah 1)",
        "en": "{given} from reviewer {label} → {used} (the formula gives {formula}; 1 at least)",
    },
    "explain.scores.given": {"id": "Nilai juri: {items}.", "en": "Reviewers' scores: {items}."},
    "explain.scores.read": {
        "id": "Nilai juri setelah dinormalisasi: {items}.",
        "en": "Reviewers' scores after normalisation: {items}.",
    },
    "explain.mean": {
        "id": "Rata-rata: ({terms}) ÷ {count} = {result}.",
        "en": "Mean: ({terms}) ÷ {count} = {result}.",
    },
    "explain.median.odd": {
        "id": "Median dari {levels}: {result}.",
        "en": "Median of {levels}: {result}.",
    },
    "explain.median.even": {
        "id": "Median dari {levels}: ({low} + {high}) ÷ 2 = {result}.",
        "en": "Median of {levels}: ({low} + {high}) ÷ 2 = {result}.",
    },
    "explain.blend": {
        "id": "Nilai yang dipakai = {auto_share} × level otomatis {auto} ({measure} {score}) + "
        "{share} × nilai juri {reviewers} = {result}.",
        "en": "Value used = {auto_share} × automatic level {auto} ({measure} {score}) + "
        "{share} × reviewers' value {reviewers} = {result}.",
    },
    "explain.auto": {
        "id": "Level otomatis {level} ({measure} {score}).",
        "en": "Automatic level {level} ({measure} {score}).",
    },
    "explain.measure": {"id": "skor", "en": "score"},
    "explain.measure.novelty": {"id": "skor kebaruan", "en": "novelty score"},
    "explain.measure.impact": {"id": "skor dampak", "en": "impact score"},
    "explain.measure.adaptability": {"id": "skor adaptabilitas", "en": "adaptability score"},
    "explain.not_measured": {"id": "Tidak diukur.", "en": "Not measured."},
    "explain.awaiting": {
        "id": "Menunggu nilai juri; belum masuk nilai total.",
        "en": "Awaiting the reviewers' scores; not in the total yet.",
    },
    "explain.awaiting_blend": {
        "id": "Menunggu nilai juri; sementara level otomatis {auto} ({measure} {score}) "
        "dihitung dengan {auto_share} bobotnya.",
        "en": "Awaiting the reviewers' scores; meanwhile automatic level {auto} ({measure} "
        "{score}) counts with {auto_share} of its weight.",
    },
    "explain.value": {"id": "{value} (level {level})", "en": "{value} (level {level})"},
    "explain.weight.part": {
        "id": "{counted} ({share} dari {weight})",
        "en": "{counted} ({share} of {weight})",
    },
    "explain.weight.awaiting": {
        "id": "0% (bobot {weight} menunggu juri)",
        "en": "0% ({weight} awaiting reviewers)",
    },
    "explain.total": {
        "id": "Nilai total = jumlah poin = {terms} = {result}.",
        "en": "Total = the sum of the points = {terms} = {result}.",
    },
    "explain.total.partial": {
        "id": "Nilai total = jumlah poin ÷ bobot yang sudah dihitung ({share}) = ({terms}) ÷ "
        "{scored} = {result}.",
        "en": "Total = the sum of the points ÷ the weight counted so far ({share}) = ({terms}) ÷ "
        "{scored} = {result}.",
    },
    "explain.total.none": {
        "id": "Belum ada kriteria yang dinilai: nilai total 0.",
        "en": "No criterion is scored yet: the total is 0.",
    },
    "explain.final.batch": {
        "id": "Nilai total final: semua {expected} penilaian juri sudah masuk.",
        "en": "The total is final: all {expected} reviews are in.",
    },
    "explain.final.proposal": {
        "id": "Nilai total final: semua {expected} penilaian juri untuk proposal ini sudah masuk.",
        "en": "The total is final: all {expected} reviews of this proposal are in.",
    },
    "explain.final.auto": {
        "id": "Nilai total final: semua kriteria dinilai otomatis.",
        "en": "The total is final: every criterion is scored automatically.",
    },
    "explain.provisional": {"id": "Nilai total sementara.", "en": "The total is provisional."},
    "explain.reason.awaiting": {
        "id": "Belum dinilai juri: {criteria}; total dihitung dari {share} bobot yang sudah "
        "dinilai.",
        "en": "Not yet scored by reviewers: {criteria}; the total is computed from the {share} "
        "of the weight scored so far.",
    },
    "explain.reason.reviews": {
        "id": "{received} dari {expected} penilaian juri untuk proposal ini sudah masuk.",
        "en": "{received} of {expected} reviews of this proposal are in.",
    },
    "explain.reason.panel": {
        "id": "{received} dari {expected} penilaian juri seluruh kumpulan sudah masuk; karena "
        "nilai juri dinormalisasi terhadap rata-rata dan simpangan baku seluruh tim penilai, "
        "nilai total ini masih dapat bergeser sampai semua penilaian masuk.",
        "en": "{received} of {expected} reviews of the whole batch are in; since reviewers' "
        "scores are normalised to the whole panel's mean and standard deviation, this total can "
        "still move until every review is in.",
    },
    "explain.reason.assignments": {
        "id": "Daftar penugasan juri (assignments.csv) tidak terbaca utuh, jadi belum dapat "
        "dipastikan semua penilaian sudah masuk.",
        "en": "The reviewers' assignments (assignments.csv) could not be read in full, so it "
        "cannot be known that every review is in.",
    },
}
