"""The help of the `kipp` command (`kipp --help`, `kipp COMMAND --help`), in the command's
language.

`cli.help.kipp` is what the command is for and `cli.help.kipp.<option>` its own options;
`cli.help.<command>` is a command's summary (its line in the list of commands and the first
paragraph of its help), `cli.about.<command>` the paragraph after it (when there is more to
say) and `cli.help.<command>.<parameter>` the help of one of its arguments or options, named
as on the command line (`--out` is `out`, `--dask-address` is `dask_address`). An option
every command shares the same help for (`--rubric`, `--lang`, `--help`, the BATCH folder) is
`cli.option.<parameter>`, unless the command has a key of its own. `cli.panel.*` are the
titles of the help's panels. `kipp_app.cli.helptext` sets them on the commands before they
run; `tests/app/test_cli_help.py` checks every command and parameter has one.
"""

HELP: dict[str, dict[str, str]] = {
    # the titles of the help's panels
    "cli.panel.arguments": {"id": "Argumen", "en": "Arguments"},
    "cli.panel.options": {"id": "Opsi", "en": "Options"},
    "cli.panel.commands": {"id": "Perintah", "en": "Commands"},
    # options every command has
    "cli.option.help": {
        "id": "Tampilkan bantuan ini lalu keluar.",
        "en": "Show this message and exit.",
    },
    "cli.option.rubric": {
        "id": "Berkas rubrik (YAML); bila tidak disebut, rubrik bawaan KIPP 2022.",
        "en": "Rubric YAML; when not given, the bundled KIPP 2022 rubric.",
    },
    "cli.option.lang": {
        "id": "Bahasa dokumen dan pesan yang ditulis kipp (id, en).",
        "en": "Language of what kipp writes and prints (id, en).",
    },
    "cli.option.batch": {
        "id": "Folder yang berisi berkas proposal.",
        "en": "Folder holding the proposal files.",
    },
    # kipp
    "cli.help.kipp": {
        "id": "Mengolah folder berisi proposal inovasi menjadi daftar pendek KIPP yang berperingkat dan disertai penjelasan.",
        "en": "Turn a folder of innovation proposals into a ranked, explained KIPP shortlist.",
    },
    "cli.help.kipp.verbose": {
        "id": "Tampilkan juga log proses Prefect dan peringatan dari pustaka yang dipakai kipp.",
        "en": "Also print Prefect's run log and the libraries' warnings.",
    },
    # kipp validate
    "cli.help.validate": {
        "id": "Memeriksa setiap berkas kumpulan proposal terhadap format proposal, tanpa menjalankan tahap lain.",
        "en": "Check every file of a batch against the submission format; start nothing else.",
    },
    "cli.about.validate": {
        "id": "Kode keluar: 0 bila setiap berkas merupakan proposal yang valid; 1 bila ada yang tidak valid atau tidak terbaca (semuanya tetap dilaporkan); 2 bila perintah tidak dipakai dengan benar atau rubrik tidak terbaca.",
        "en": "Exit status: 0 when every file is a valid proposal; 1 when some are invalid or unread (all are still reported); 2 for a usage problem or an unreadable rubric.",
    },
    "cli.help.validate.json": {
        "id": "Cetak laporan dalam format JSON.",
        "en": "Print the report as JSON.",
    },
    "cli.help.validate.max_file_mb": {
        "id": "Ukuran terbesar berkas proposal (.yaml/.json/.md) yang dibaca, dalam MB.",
        "en": "Largest proposal file (.yaml/.json/.md) read, in MB.",
    },
    "cli.help.validate.max_sheet_mb": {
        "id": "Ukuran terbesar berkas lembar kerja (.csv/.xlsx) yang dibaca, dalam MB.",
        "en": "Largest spreadsheet export (.csv/.xlsx) read, in MB.",
    },
    # kipp run
    "cli.help.run": {
        "id": "Pekerjaan utama: memeriksa, menyaring, menilai dan menyusun daftar pendek kumpulan proposal, lalu menulis dokumennya.",
        "en": "The main job: validate, gate, score and shortlist a batch, and write the documents.",
    },
    "cli.about.run": {
        "id": "Berjalan sebagai alur Prefect: di server bawaan Prefect, atau di server yang disebut PREFECT_API_URL (prosesnya lalu tampil di antarmuka Prefect). Kode keluar: 0 bila proses selesai, walaupun ada proposal yang tidak valid atau tidak memenuhi syarat; 1 bila proses gagal; 2 bila perintah tidak dipakai dengan benar (folder tidak ada, rubrik atau korpus tidak terbaca).",
        "en": "Runs as a Prefect flow: on Prefect's embedded server, or on the server named by PREFECT_API_URL (the run then shows in the Prefect UI). Exit status: 0 when the run finished, even if some proposals were invalid or ineligible; 1 when the run failed; 2 for a usage problem (missing folder, unreadable rubric or corpus).",
    },
    "cli.help.run.out": {
        "id": "Folder keluaran; bila tidak disebut, outputs/<nama folder kumpulan proposal>.",
        "en": "Output folder; when not given, outputs/<batch folder name>.",
    },
    "cli.help.run.corpus": {
        "id": "Korpus inovasi terdahulu (CSV dengan kolom yang sama seperti korpus bawaan); bila tidak disebut, korpus bawaan.",
        "en": "Prior-innovation CSV (same columns as the bundled corpus); when not given, the bundled corpus.",
    },
    "cli.help.run.size": {
        "id": "Jumlah proposal dalam daftar pendek; bila tidak disebut, sesuai rubrik.",
        "en": "Shortlist size; when not given, the rubric's.",
    },
    "cli.help.run.approval": {
        "id": "Berhenti sejenak setelah penilaian sampai koordinator memutuskan di antarmuka Prefect.",
        "en": "Pause after scoring until a coordinator decides in the Prefect UI.",
    },
    "cli.help.run.dask": {
        "id": "Menilai di klaster Dask lokal (perlu paket tambahan kipp[dask]).",
        "en": "Score on a local Dask cluster (needs kipp[dask]).",
    },
    "cli.help.run.dask_address": {
        "id": "Menilai di klaster Dask yang sudah berjalan dengan penjadwal di ADDRESS, misalnya tcp://host:8786 (perlu paket tambahan kipp[dask] dan PREFECT_API_URL; lihat docs/scale-out.md).",
        "en": "Score on the running Dask cluster whose scheduler is at ADDRESS, e.g. tcp://host:8786 (needs kipp[dask] and PREFECT_API_URL; see docs/scale-out.md).",
    },
    "cli.help.run.work_pool": {
        "id": "Menilai per bagian yang dijalankan oleh pekerja Prefect dari work pool NAME (melalui deployment kipp-partition miliknya; perlu PREFECT_API_URL dan KIPP_CACHE_DIR bersama).",
        "en": "Score in parts run by the Prefect workers of work pool NAME (its kipp-partition deployment; needs PREFECT_API_URL and a shared KIPP_CACHE_DIR).",
    },
    "cli.help.run.partition_size": {
        "id": "Jumlah proposal per bagian penilaian. Bila tidak disebut: 200 dengan --dask, --dask-address atau --work-pool; tanpa ketiganya, paling banyak empat bagian (masing-masing sedikitnya 200).",
        "en": "Proposals per part of scoring. When not given: 200 with --dask, --dask-address or --work-pool; without them, at most four parts (each of at least 200).",
    },
    "cli.help.run.watch": {
        "id": "Sesudah proses selesai, tunggu perubahan di folder kumpulan proposal (atau pada rubrik atau korpus) lalu jalankan proses lagi pada setiap perubahan, sampai Ctrl-C.",
        "en": "After the run, wait for the batch folder (or the rubric or corpus) to change and run again on each change, until Ctrl-C.",
    },
    # kipp assign
    "cli.help.assign": {
        "id": "Membagi setiap proposal yang memenuhi syarat kepada juri dan menulis satu lembar penilaian untuk setiap juri.",
        "en": "Assign reviewers to every eligible proposal and write one scoresheet per reviewer.",
    },
    "cli.about.assign": {
        "id": "Setiap proposal yang memenuhi syarat mendapat K juri, beban para juri berselisih paling banyak satu, dan tidak ada juri yang menilai proposal instansinya sendiri atau proposal yang ia nyatakan berbenturan kepentingan (instansi dibaca melalui daftar instansi kumpulan proposal, _agencies.yaml, bila ada). Menulis JURI.xlsx (nilai, petunjuk dengan tanggal pengembalian, bukti dan inovasi serupa setiap proposal, serta teksnya), csv/JURI.csv dan assignments.csv (berisi kode paket setiap proposal bila tanpa identitas: simpan bersama lembar penilaian). Kode keluar: 0 bila lembar penilaian sudah ditulis; 2 bila pembagian tidak mungkin dilakukan.",
        "en": "Every eligible proposal gets K reviewers, loads differ by at most one, and nobody reviews their own agency's proposals or a declared conflict (agencies read through the batch's agency registry, _agencies.yaml, when there is one). Writes REVIEWER.xlsx (scores, instructions with the return date, each proposal's evidence and similar innovations, texts), csv/REVIEWER.csv and assignments.csv (with each proposal's packet code when blind: keep it with the sheets). Exit status: 0 when written; 2 when no assignment is possible.",
    },
    "cli.help.assign.panel": {
        "id": "Daftar juri (YAML); bila tidak disebut, BATCH/reviewers.yaml.",
        "en": "Reviewer panel YAML; when not given, BATCH/reviewers.yaml.",
    },
    "cli.help.assign.per_proposal": {
        "id": "Jumlah juri per proposal; bila tidak disebut, sesuai rubrik.",
        "en": "Reviewers per proposal; when not given, the rubric's.",
    },
    "cli.help.assign.seed": {
        "id": "Angka acak pembagian: angka yang sama menghasilkan pembagian yang sama.",
        "en": "Seed of the assignment: same seed, same assignment.",
    },
    "cli.help.assign.out": {
        "id": "Folder lembar penilaian; bila tidak disebut, BATCH/_reviews.",
        "en": "Scoresheet folder; when not given, BATCH/_reviews.",
    },
    "cli.help.assign.blind": {
        "id": "Paket tanpa nama instansi dan inovator, dengan proposal memakai kode paket; bila tidak disebut, sesuai rubrik.",
        "en": "Packets without agency and innovator names, proposals under packet codes; when not given, as the rubric says.",
    },
    "cli.help.assign.force": {
        "id": "Timpa lembar penilaian yang sudah ada di folder keluaran.",
        "en": "Overwrite scoresheets already in the output folder.",
    },
    "cli.help.assign.deadline": {
        "id": "Tanggal lembar penilaian harus dikembalikan (YYYY-MM-DD, misalnya 2026-12-31), dicantumkan pada petunjuknya.",
        "en": "Date the sheets are due back (YYYY-MM-DD, e.g. 2026-12-31), shown on their instructions.",
    },
    "cli.help.assign.corpus": {
        "id": "Korpus inovasi terdahulu (CSV) untuk inovasi serupa; bila tidak disebut, korpus bawaan.",
        "en": "Prior innovations CSV for the similar innovations; when not given, the bundled corpus.",
    },
    # kipp scorecards
    "cli.help.scorecards": {
        "id": "Menulis ulang kartu nilai instansi dari proses yang sudah selesai ke OUT_DIR/scorecards/ (HTML, dan PDF kecuali dengan --html-only) tanpa menjalankan ulang tahap-tahapnya.",
        "en": "Write the agencies' scorecards of a finished run into OUT_DIR/scorecards/ (HTML, and PDF unless --html-only), without running the pipeline again.",
    },
    "cli.about.scorecards": {
        "id": "kipp run sendiri menulis PDF hanya untuk kumpulan proposal yang kecil.",
        "en": "kipp run writes PDFs itself only for small batches.",
    },
    "cli.help.scorecards.out_dir": {
        "id": "Folder keluaran sebuah proses (berisi results.json).",
        "en": "Output folder of a run (holds results.json).",
    },
    "cli.help.scorecards.pdf": {
        "id": "Tulis juga setiap kartu nilai sebagai PDF.",
        "en": "Also write each scorecard as PDF.",
    },
    # kipp serve
    "cli.help.serve": {
        "id": "Menyediakan deployment validate, score dan assign di server Prefect pada PREFECT_API_URL, dengan formulir dalam bahasa --lang, lalu menjalankan apa yang dipicu dari antarmukanya sampai dihentikan (Ctrl-C).",
        "en": "Serve the validate, score and assign deployments to the Prefect server of PREFECT_API_URL, their forms in --lang, and run what is triggered from its UI until interrupted (Ctrl-C).",
    },
    "cli.help.serve.batch": {
        "id": "Isian awal folder kumpulan proposal pada formulir proses.",
        "en": "Batch folder the run forms start with.",
    },
    "cli.help.serve.approval": {
        "id": "Persetujuan koordinator aktif sejak awal pada formulir proses `score`.",
        "en": "Coordinator approval on by default in the score form.",
    },
    "cli.help.serve.limit": {
        "id": "Jumlah maksimum run alur yang berjalan bersamaan dalam perintah ini.",
        "en": "Most flow runs at once in this process.",
    },
    # kipp schema
    "cli.help.schema": {
        "id": "Menulis JSON Schema berkas proposal (untuk pelengkapan otomatis dan pemeriksaan di editor).",
        "en": "Write the JSON Schema of a proposal file (for editor completion and checks).",
    },
    "cli.help.schema.out": {
        "id": "Tulis ke berkas ini, bukan ke keluaran standar.",
        "en": "Write to this file instead of standard output.",
    },
    # kipp template
    "cli.help.template": {
        "id": "Menulis formulir-usulan-inovasi.xlsx (satu proposal per baris, dengan daftar pilihan dan lembar petunjuk) dan usulan-inovasi.md (proposal dalam Markdown) ke OUT_DIR, dalam bahasa --lang.",
        "en": "Write formulir-usulan-inovasi.xlsx (one proposal per row, with dropdowns and an instructions sheet) and usulan-inovasi.md (a Markdown proposal) into OUT_DIR, in --lang.",
    },
    "cli.about.template": {
        "id": "Berkas yang sudah ada tidak pernah ditimpa: kipp berhenti dengan kode keluar 2 tanpa menulis apa pun.",
        "en": "Existing files are never overwritten: kipp stops with exit status 2 and writes nothing.",
    },
    "cli.help.template.out_dir": {
        "id": "Folder tempat templat ditulis (dibuat bila belum ada).",
        "en": "Folder to write the templates in (made when missing).",
    },
}
