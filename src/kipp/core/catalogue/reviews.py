"""Sentences about human reviewers: panels, assignment, scoresheets, aggregation."""

REVIEWS: dict[str, dict[str, str]] = {
    "reviews.criterion": {
        "id": "Juri ({count} nilai: {scores}): rata-rata {mean}, median {median}; "
        "dipakai {method}: {value}.",
        "en": "Reviewers ({count} scores: {scores}): mean {mean}, median {median}; "
        "using the {method}: {value}.",
    },
    "reviews.method.mean": {"id": "rata-rata", "en": "mean"},
    "reviews.method.median": {"id": "median", "en": "median"},
    "reviews.normalised": {
        "id": "Nilai tiap juri dinormalisasi terhadap panel (juri yang terlalu keras atau "
        "terlalu murah dikoreksi).",
        "en": "Each reviewer's scores are normalised against the panel (harsh or lenient "
        "reviewers corrected).",
    },
    "reviews.disagreement": {
        "id": "Juri tidak sepakat: selisih nilai {spread} (ambang {threshold}); sebaiknya "
        "tambahkan satu juri.",
        "en": "Reviewers disagree: scores spread {spread} (threshold {threshold}); consider "
        "an extra reviewer.",
    },
    "reviews.blend": {
        "id": "Level {level}: level ukuran otomatis {auto} × {auto_share} + nilai juri "
        "{reviewers} × {share}.",
        "en": "Level {level}: automatic measure level {auto} × {auto_share} + reviewers "
        "{reviewers} × {share}.",
    },
    "reviews.pending": {
        "id": "{pending} dari {assigned} juri belum selesai menilai; total masih sementara.",
        "en": "{pending} of {assigned} reviewers have not finished; the total is provisional.",
    },
    "reviews.extra_reviewer": {
        "id": "Juri tidak sepakat pada {criteria}: tambahkan satu juri untuk proposal ini.",
        "en": "Reviewers disagree on {criteria}: add a reviewer for this proposal.",
    },
    "reviews.interval": {
        "id": "Rentang peringkat {low}-{high} ({share} dari {iterations} penarikan ulang "
        "nilai juri).",
        "en": "Rank range {low}-{high} ({share} of {iterations} resamples of the reviews).",
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

REVIEWS |= {
    "reviews.sheet.scores": {"id": "nilai", "en": "scores"},
    "reviews.sheet.criteria": {"id": "kriteria", "en": "criteria"},
    "reviews.sheet.texts": {"id": "teks proposal", "en": "proposal texts"},
    "reviews.sheet.error_title": {"id": "Nilai tidak valid", "en": "Invalid score"},
    "reviews.guide.criterion": {"id": "kode kriteria", "en": "criterion"},
    "reviews.guide.label": {"id": "kriteria", "en": "label"},
    "reviews.guide.level": {"id": "level", "en": "level"},
    "reviews.guide.score": {"id": "nilai", "en": "score"},
    "reviews.guide.description": {"id": "deskripsi", "en": "description"},
    "reviews.texts.proposal": {"id": "kode proposal", "en": "proposal"},
    "reviews.texts.section": {"id": "bagian", "en": "section"},
    "reviews.texts.text": {"id": "teks", "en": "text"},
    "reviews.sheet.error": {
        "id": "Isi bilangan bulat {min} sampai {max}.",
        "en": "Enter a whole number from {min} to {max}.",
    },
}
