"""The glossary: one name for each thing kipp's documents speak of.

Every term has two entries: `glossary.<name>` (the term itself, Indonesian and English) and
`glossary.<name>.definition` (one plain sentence). `TERMS` adds, for each term, the variants
that must not appear in Indonesian text: other names for the same thing (so the same thing is
always called the same), English words, or wording that read as translated.
`tests/test_glossary.py` walks every Indonesian catalogue text for them, and checks that the
coordinator's guide (docs/panduan-koordinator.md) explains every term with its definition.
"""

from typing import NamedTuple


class Term(NamedTuple):
    """A glossary term: its name in the catalogue and the Indonesian variants it replaces."""

    name: str
    rejected: tuple[str, ...]


TERMS: tuple[Term, ...] = (
    Term("proposal", ("usulan",)),
    Term("agency", ("unit pengusul", "lembaga pengusul")),
    Term("regional_agency", ("OPD", "SKPD", "organisasi perangkat daerah", "satuan kerja")),
    Term("batch", ("batch", "seleksi ini", "angkatan")),
    Term("gate", ("gerbang", "persyaratan", "kelayakan")),
    Term("reviewer", ("reviewer", "dewan juri", "asesor", "evaluator")),
    Term("panel", ("panel",)),
    Term("panel_file", ("panel juri",)),
    Term("scoresheet", ("lembar nilai", "lembar skor", "scoresheet", "formulir penilaian")),
    Term("reviewer_score", ("skor juri",)),
    Term("novelty", ("novelty", "keunikan", "orisinalitas", "kebaharuan")),
    Term("similarity", ("similaritas", "kesamaan teks")),
    Term("corpus", ("korpus pembanding", "inovasi sebelumnya", "inovasi lama", "prior art")),
    Term("impact", ("impak",)),
    Term("normalisation", ("pijakan", "penyetaraan", "standardisasi")),
    Term("total", ("skor total", "total skor", "total nilai", "nilai akhir")),
    Term("rank_range", ("interval peringkat", "selang peringkat")),
    Term("resampling", ("penarikan ulang", "bootstrap", "resampling")),
    Term("shortlist", ("shortlist", "daftar singkat", "short list")),
    Term("draft_shortlist", ("usulan daftar pendek",)),
    Term("nominee", ("finalis", "nominee")),
    Term("near_cutoff", ("terdekat ke batas", "dekat ke batas")),
    Term("provisional", ("provisional", "tentatif")),
    Term("scorecard", ("scorecard", "kartu skor", "rapor")),
    Term("supporting_evidence", ("bukti dukung", "data dukung")),
    Term("minutes", ("notulen", "notula", "risalah")),
    Term("technical_annex", ("manifes", "manifest")),
)

# Column headings of the submission template copy the call's own form (kipp reads them back),
# so a heading such as "Link Bukti Dukung" keeps the form's wording.
FORM_HEADINGS = "tpl.col."

GLOSSARY: dict[str, dict[str, str]] = {
    "glossary.proposal": {"id": "proposal", "en": "proposal"},
    "glossary.proposal.definition": {
        "id": "Dokumen yang diajukan sebuah instansi untuk mengikutsertakan satu inovasi "
        "pelayanan publik dalam kompetisi.",
        "en": "The document an agency submits to enter one public-service innovation in the "
        "competition.",
    },
    "glossary.agency": {"id": "instansi", "en": "agency"},
    "glossary.agency.definition": {
        "id": "Unit pemerintah yang mengajukan proposal, misalnya dinas, badan, kecamatan, "
        "kelurahan, puskesmas atau sekolah.",
        "en": "The government unit that submits a proposal, such as an office, agency, "
        "district, sub-district, health centre or school.",
    },
    "glossary.regional_agency": {"id": "perangkat daerah", "en": "regional agency"},
    "glossary.regional_agency.definition": {
        "id": "Unsur pembantu kepala daerah (sekretariat, inspektorat, dinas, badan, kecamatan) "
        "yang tercantum dalam daftar perangkat daerah, dasar tabel Satu Perangkat Daerah, Satu "
        "Inovasi.",
        "en": "A part of the regional government (secretariat, inspectorate, office, agency, "
        "district) listed in the agency registry, on which the One Agency, One Innovation "
        "table rests.",
    },
    "glossary.batch": {"id": "kumpulan proposal", "en": "batch"},
    "glossary.batch.definition": {
        "id": "Semua proposal satu seleksi, disimpan dalam satu folder.",
        "en": "All the proposals of one selection, kept in one folder.",
    },
    "glossary.gate": {"id": "syarat", "en": "gate"},
    "glossary.gate.definition": {
        "id": "Ketentuan administrasi yang harus dipenuhi proposal sebelum dinilai, misalnya "
        "lama penerapan, batas jumlah kata dan lampiran wajib.",
        "en": "An administrative requirement a proposal must meet before it is scored, such as "
        "the time in operation, the word limits and the required attachments.",
    },
    "glossary.reviewer": {"id": "juri", "en": "reviewer"},
    "glossary.reviewer.definition": {
        "id": "Anggota tim penilai yang memberi nilai pada setiap kriteria proposal yang "
        "ditugaskan kepadanya.",
        "en": "A member of the review panel who scores each criterion of the proposals "
        "assigned to them.",
    },
    "glossary.panel": {"id": "tim penilai", "en": "review panel"},
    "glossary.panel.definition": {
        "id": "Seluruh juri satu seleksi beserta ketuanya, yang menilai proposal dan "
        "menandatangani Berita Acara.",
        "en": "All the reviewers of one selection with their chair, who score the proposals "
        "and sign the minutes.",
    },
    "glossary.panel_file": {"id": "daftar juri", "en": "panel file"},
    "glossary.panel_file.definition": {
        "id": "Berkas reviewers.yaml yang memuat kode, nama, instansi dan konflik kepentingan "
        "setiap juri.",
        "en": "The reviewers.yaml file holding each reviewer's id, name, agency and declared "
        "conflicts of interest.",
    },
    "glossary.scoresheet": {"id": "lembar penilaian", "en": "scoresheet"},
    "glossary.scoresheet.definition": {
        "id": "Berkas lembar kerja tempat seorang juri menuliskan nilainya untuk setiap "
        "proposal dan kriteria.",
        "en": "The spreadsheet in which a reviewer writes their scores for each proposal and "
        "criterion.",
    },
    "glossary.reviewer_score": {"id": "nilai juri", "en": "reviewer's score"},
    "glossary.reviewer_score.definition": {
        "id": "Bilangan bulat 1 sampai 5 yang diberikan seorang juri pada satu kriteria sebuah "
        "proposal.",
        "en": "The whole number from 1 to 5 a reviewer gives one criterion of a proposal.",
    },
    "glossary.novelty": {"id": "kebaruan", "en": "novelty"},
    "glossary.novelty.definition": {
        "id": "Seberapa berbeda sebuah inovasi dari inovasi terdahulu; skor kebaruan = 1 − "
        "kemiripan tertinggi dengan inovasi dalam korpus inovasi terdahulu.",
        "en": "How far an innovation differs from prior innovations; the novelty score = 1 − "
        "the highest similarity to an innovation in the prior-innovation corpus.",
    },
    "glossary.similarity": {"id": "kemiripan", "en": "similarity"},
    "glossary.similarity.definition": {
        "id": "Angka 0 sampai 1 yang mengukur seberapa banyak kata penting sebuah proposal juga "
        "dipakai inovasi lain; makin tinggi makin mirip.",
        "en": "A figure from 0 to 1 measuring how many of a proposal's key words another "
        "innovation also uses; the higher, the more alike.",
    },
    "glossary.corpus": {"id": "korpus inovasi terdahulu", "en": "prior-innovation corpus"},
    "glossary.corpus.definition": {
        "id": "Daftar inovasi yang sudah dilaporkan atau mendapat penghargaan sebelum batas "
        "pendaftaran, pembanding untuk mengukur kebaruan.",
        "en": "The list of innovations reported or awarded before the registration deadline, "
        "against which novelty is measured.",
    },
    "glossary.impact": {"id": "dampak", "en": "impact"},
    "glossary.impact.definition": {
        "id": "Perubahan terukur yang dihasilkan inovasi pada waktu layanan, biaya, kepuasan, "
        "pengaduan dan jangkauan; skor dampak adalah rata-rata kelima komponen itu.",
        "en": "The measured change an innovation brings to service time, cost, satisfaction, "
        "complaints and reach; the impact score is the mean of those five components.",
    },
    "glossary.normalisation": {"id": "normalisasi", "en": "normalisation"},
    "glossary.normalisation.definition": {
        "id": "Penyesuaian nilai setiap juri terhadap rata-rata dan simpangan baku seluruh tim "
        "penilai, supaya juri yang cenderung longgar atau ketat tidak menggeser hasil.",
        "en": "The adjustment of each reviewer's scores to the whole panel's mean and standard "
        "deviation, so that a lenient or strict reviewer does not shift the results.",
    },
    "glossary.total": {"id": "nilai total", "en": "total score"},
    "glossary.total.definition": {
        "id": "Jumlah poin semua kriteria (bobot × nilai ÷ 5 × 100), paling tinggi 100.",
        "en": "The sum of every criterion's points (weight × value ÷ 5 × 100), at most 100.",
    },
    "glossary.rank_range": {"id": "rentang peringkat", "en": "rank range"},
    "glossary.rank_range.definition": {
        "id": "Peringkat yang dicapai sebuah proposal pada 90% pengambilan ulang nilai juri; "
        "makin sempit rentangnya, makin pasti peringkatnya.",
        "en": "The ranks a proposal reaches in 90% of the resamplings of the reviewers' scores; "
        "the narrower the range, the surer the rank.",
    },
    "glossary.resampling": {"id": "pengambilan ulang", "en": "resampling"},
    "glossary.resampling.definition": {
        "id": "Perhitungan ulang peringkat, biasanya 1.000 kali, dengan nilai juri yang diambil "
        "ulang secara acak dari nilai yang ada.",
        "en": "Ranking again, usually 1,000 times, with reviewers' scores drawn again at random "
        "from the scores given.",
    },
    "glossary.shortlist": {"id": "daftar pendek", "en": "shortlist"},
    "glossary.shortlist.definition": {
        "id": "Proposal berperingkat teratas, dalam batas nominasi per instansi dan per "
        "kategori, yang ditetapkan untuk dinominasikan.",
        "en": "The top-ranked proposals, within the limits per agency and per category, put "
        "forward as nominees.",
    },
    "glossary.draft_shortlist": {"id": "rancangan daftar pendek", "en": "draft shortlist"},
    "glossary.draft_shortlist.definition": {
        "id": "Daftar pendek menurut peringkat, sebelum disetujui atau diubah koordinator.",
        "en": "The shortlist as ranked, before the coordinator approves or changes it.",
    },
    "glossary.nominee": {"id": "nominasi", "en": "nominee"},
    "glossary.nominee.definition": {
        "id": "Proposal yang masuk daftar pendek.",
        "en": "A proposal on the shortlist.",
    },
    "glossary.near_cutoff": {"id": "dekat batas", "en": "near the cut-off"},
    "glossary.near_cutoff.definition": {
        "id": "Tanda bagi proposal yang rentang peringkatnya melewati batas daftar pendek.",
        "en": "The mark of a proposal whose rank range crosses the shortlist's cut-off.",
    },
    "glossary.provisional": {"id": "sementara", "en": "provisional"},
    "glossary.provisional.definition": {
        "id": "Keadaan nilai total yang masih dapat bergeser karena ada penilaian juri yang "
        "belum masuk.",
        "en": "A total score that can still move because some reviews are not in yet.",
    },
    "glossary.scorecard": {"id": "kartu nilai", "en": "scorecard"},
    "glossary.scorecard.definition": {
        "id": "Dokumen per proposal untuk instansi pengusul: status, nilai, alasan dan saran "
        "perbaikan.",
        "en": "The document per proposal for the submitting agency: status, scores, reasons "
        "and advice.",
    },
    "glossary.supporting_evidence": {"id": "bukti pendukung", "en": "supporting evidence"},
    "glossary.supporting_evidence.definition": {
        "id": "Dokumen, foto atau tautan yang membuktikan pelaksanaan inovasi, selain SK "
        "penetapan inovasi dan video.",
        "en": "Documents, photos or links showing the innovation at work, besides the decree "
        "establishing it and the video.",
    },
    "glossary.minutes": {"id": "Berita Acara", "en": "minutes"},
    "glossary.minutes.definition": {
        "id": "Dokumen resmi rapat seleksi yang memuat hasil penilaian dan ditandatangani tim "
        "penilai serta pejabat yang mengetahui.",
        "en": "The official record of the selection meeting, holding its results and signed by "
        "the review panel and the acknowledging official.",
    },
    "glossary.technical_annex": {"id": "Lampiran teknis", "en": "technical annex"},
    "glossary.technical_annex.definition": {
        "id": "Bagian akhir dokumen untuk pengelola data: kode proposal, berkas sumber, letak "
        "masalah, sidik berkas dan waktu proses.",
        "en": "The documents' last part, for whoever manages the data: proposal ids, source "
        "files, where problems are, file fingerprints and run times.",
    },
}
