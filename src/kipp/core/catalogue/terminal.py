"""What the `kipp` command prints, and what a run's log says after each stage."""

TERMINAL: dict[str, dict[str, str]] = {
    # a message kipp shows as it was written
    "message.as_written": {"id": "{message}", "en": "{message}"},
    # labels of the terminal
    "cli.error": {"id": "kesalahan", "en": "error"},
    "cli.warning": {"id": "peringatan", "en": "warning"},
    "cli.hint": {"id": "saran", "en": "hint"},
    "cli.valid": {"id": "valid", "en": "valid"},
    "cli.invalid": {"id": "tidak valid", "en": "invalid"},
    "cli.unread": {"id": "tidak terbaca", "en": "unread"},
    "cli.ignored": {"id": "dilewati", "en": "ignored"},
    "cli.untitled": {"id": "(tanpa judul)", "en": "(no title)"},
    # kipp validate
    "cli.validate.batch": {"id": "Kumpulan proposal {folder}", "en": "Batch {folder}"},
    "cli.validate.ignored_panel": {
        "id": "panel juri, bukan proposal",
        "en": "the review panel, not a proposal",
    },
    "cli.validate.ignored_name": {
        "id": "nama yang diawali . atau _ memang dilewati",
        "en": "names starting with . or _ are skipped",
    },
    "cli.validate.summary": {
        "id": "{proposals:p:proposal} dari {files:p:berkas}: {valid} valid, {invalid} tidak valid, {unread} tidak terbaca, {ignored} dilewati",
        "en": "{proposals:p:proposal/proposals} from {files:p:file/files}: {valid} valid, {invalid} invalid, {unread} unread, {ignored} ignored",
    },
    "cli.no_proposals": {
        "id": "Tidak ada satu pun proposal di {folder}: periksa apakah folder ini benar, dan bahwa berkasnya berformat .yaml, .json, .md, .csv atau .xlsx.",
        "en": "There is no proposal in {folder}: check that this is the right folder, and that its files are .yaml, .json, .md, .csv or .xlsx.",
    },
    # kipp run
    "cli.run.counts": {
        "id": "{shortlisted} masuk daftar pendek, {scored} dinilai, {ineligible} tidak memenuhi syarat, {invalid} tidak valid, {unread} tidak terbaca",
        "en": "{shortlisted} shortlisted, {scored} scored, {ineligible} ineligible, {invalid} invalid, {unread} unread",
    },
    "cli.run.provisional": {
        "id": "(sementara: sebagian kriteria menunggu penilaian juri)",
        "en": "(provisional: criteria await reviewers)",
    },
    "cli.run.documents": {"id": "Dokumen di {folder}:", "en": "Documents in {folder}:"},
    "cli.run.scorecards": {
        "id": "{folder}/ ({files:p:berkas})",
        "en": "{folder}/ ({files:p:file/files})",
    },
    "cli.run.failed": {
        "id": "proses gagal: {kind}: {reason}",
        "en": "run failed: {kind}: {reason}",
    },
    "cli.stopped": {
        "id": "Dihentikan. Tahap yang sudah selesai tersimpan: jalankan perintah yang sama untuk melanjutkan. Folder keluaran tetap utuh.",
        "en": "Stopped. The stages already done are kept: run the same command again to go on. The output folder is left whole.",
    },
    # kipp schema
    "cli.schema.written": {"id": "skema ditulis ke {path}", "en": "schema written to {path}"},
    # kipp assign
    "cli.assign.plan": {
        "id": "{proposals} proposal yang memenuhi syarat x {per_proposal} juri = {reviews} penilaian oleh {reviewers} juri (masing-masing {low} sampai {high})",
        "en": "{proposals:p:eligible proposal/eligible proposals} x {per_proposal:p:reviewer/reviewers} = {reviews:p:review/reviews} over {reviewers:p:reviewer/reviewers} (each {low} to {high})",
    },
    "cli.assign.blind": {"id": "(paket tanpa identitas)", "en": "(blind packets)"},
    "cli.assign.written": {
        "id": "Lembar penilaian di {folder}",
        "en": "Scoresheets in {folder}",
    },
    # kipp scorecards
    "cli.scorecards.written": {
        "id": "{count:p:kartu nilai} di {folder} ({reused} sama seperti sebelumnya, {rendered} dibuat ulang)",
        "en": "{count:p:scorecard/scorecards} in {folder} ({reused} as before, {rendered} rendered)",
    },
    # errors of the command line
    "error.batch_folder_missing": {
        "id": "folder kumpulan proposal {folder} tidak ada atau bukan folder",
        "en": "batch folder {folder} does not exist or is not a folder",
    },
    "hint.batch_folder_missing": {
        "id": "sebutkan folder yang berisi proposal",
        "en": "give the folder that holds the proposals",
    },
    "error.out.link": {
        "id": "folder keluaran {folder} adalah tautan simbolik; kipp tidak menulis melalui tautan",
        "en": "the output folder {folder} is a symbolic link; kipp does not write through links",
    },
    "hint.out.link": {
        "id": "sebutkan folder yang dituju tautan itu dengan --out",
        "en": "give the folder it points to with --out",
    },
    "error.out.top": {
        "id": "folder keluaran {folder} adalah folder akar atau folder rumah pengguna",
        "en": "the output folder {folder} is the root or the home folder",
    },
    "hint.out.top": {
        "id": "sebutkan folder tersendiri untuk dokumen proses ini, misalnya --out outputs/kumpulan-2022",
        "en": "give a folder of its own for this run's documents, e.g. --out outputs/batch-2022",
    },
    "error.out.file": {
        "id": "folder keluaran {folder} adalah sebuah berkas, bukan folder",
        "en": "the output folder {folder} is a file, not a folder",
    },
    "hint.out.file": {
        "id": "sebutkan folder (yang sudah ada atau belum) dengan --out",
        "en": "give a folder (existing or not) with --out",
    },
    "error.out.in_batch": {
        "id": "folder keluaran {folder} berada di dalam folder kumpulan proposal {batch}",
        "en": "the output folder {folder} is inside the batch folder {batch}",
    },
    "error.out.holds_batch": {
        "id": "folder keluaran {folder} memuat folder kumpulan proposal {batch}",
        "en": "the output folder {folder} holds the batch folder {batch}",
    },
    "hint.out.batch": {
        "id": "tulis dokumen di luar folder kumpulan proposal, misalnya --out outputs/nama-kumpulan",
        "en": "write the documents outside the batch folder, e.g. --out outputs/batch-name",
    },
    "error.out.inner_link": {
        "id": "{folder} adalah tautan simbolik; kipp tidak menulis kartu nilai melalui tautan",
        "en": "{folder} is a symbolic link; kipp does not write scorecards through links",
    },
    "hint.out.inner_link": {
        "id": "hapus tautan itu atau sebutkan folder keluaran lain dengan --out",
        "en": "remove the link or give another output folder with --out",
    },
    "error.out.read_only": {
        "id": "folder keluaran {folder} tidak dapat ditulisi (tidak bisa membuat berkas di {where})",
        "en": "the output folder {folder} cannot be written (no file can be made in {where})",
    },
    "hint.out.read_only": {
        "id": "sebutkan folder yang boleh Anda tulisi dengan --out",
        "en": "give a folder you may write to with --out",
    },
    "error.unreadable_now.rubric": {
        "id": "rubrik {path} tidak dapat dibaca saat ini: {reason}",
        "en": "rubric {path} cannot be read right now: {reason}",
    },
    "error.unreadable_now.corpus": {
        "id": "korpus {path} tidak dapat dibaca saat ini: {reason}",
        "en": "corpus {path} cannot be read right now: {reason}",
    },
    "hint.unreadable_now": {
        "id": "disk atau folder jaringan sempat terganggu; jalankan perintah ini sekali lagi",
        "en": "a disk or network share failed for a moment; run the command again",
    },
    "error.results_unreadable": {
        "id": "{path} tidak dapat dibaca: {reason}",
        "en": "cannot read {path}: {reason}",
    },
    "hint.results_unreadable": {
        "id": "sebutkan folder keluaran sebuah proses kipp run",
        "en": "give the output folder of a kipp run",
    },
    "error.results_rubric": {
        "id": "{path} berasal dari rubrik '{found}', bukan '{given}'",
        "en": "{path} comes from rubric '{found}', not '{given}'",
    },
    "hint.results_rubric": {
        "id": "sebutkan rubrik proses itu dengan --rubric",
        "en": "pass the run's rubric with --rubric",
    },
    "error.approval_needs_server": {
        "id": "--approval memerlukan server Prefect yang antarmukanya dibuka koordinator untuk memutuskan",
        "en": "--approval needs a Prefect server whose UI the coordinator opens to decide",
    },
    "hint.approval_needs_server": {
        "id": "jalankan server dengan `prefect server start --host 127.0.0.1` dan atur PREFECT_API_URL=http://127.0.0.1:4200/api (atau gunakan `kipp serve`)",
        "en": "start one with `prefect server start --host 127.0.0.1` and set PREFECT_API_URL=http://127.0.0.1:4200/api (or use `kipp serve`)",
    },
    "error.server_unreachable": {
        "id": "server Prefect di {url} (PREFECT_API_URL) tidak menjawab ({reason})",
        "en": "the Prefect server at {url} (PREFECT_API_URL) does not answer ({reason})",
    },
    "hint.server_unreachable": {
        "id": "jalankan server dengan `prefect server start --host 127.0.0.1`, atau hapus PREFECT_API_URL agar proses berjalan di server bawaan",
        "en": "start it with `prefect server start --host 127.0.0.1`, or unset PREFECT_API_URL to run on the embedded server",
    },
    "error.serve_needs_server": {
        "id": "kipp serve memerlukan server Prefect",
        "en": "kipp serve needs a Prefect server",
    },
    "hint.serve_needs_server": {
        "id": "jalankan server dengan `prefect server start --host 127.0.0.1` dan atur PREFECT_API_URL=http://127.0.0.1:4200/api",
        "en": "start one with `prefect server start --host 127.0.0.1` and set PREFECT_API_URL=http://127.0.0.1:4200/api",
    },
    "error.dask_missing": {
        "id": "--dask memerlukan paket tambahan Dask, yang belum terpasang",
        "en": "--dask needs the optional Dask packages, which are not installed",
    },
    "hint.dask_missing": {
        "id": "pasang dengan `pip install 'kipp[dask]'` (di repositori: `.venv/bin/pip install -e '.[dask]'`), atau jalankan tanpa --dask",
        "en": "install them with `pip install 'kipp[dask]'` (in the repository: `.venv/bin/pip install -e '.[dask]'`), or run without --dask",
    },
    # the stage under way, in the terminal's progress display
    "stage.label.rubric": {"id": "Membaca rubrik", "en": "Reading the rubric"},
    "stage.label.corpus": {
        "id": "Membaca korpus inovasi terdahulu",
        "en": "Reading the prior innovations",
    },
    "stage.label.batch": {
        "id": "Membaca dan memeriksa berkas proposal",
        "en": "Reading and checking the proposal files",
    },
    "stage.label.proposals": {
        "id": "Memilah proposal yang valid",
        "en": "Taking the valid proposals",
    },
    "stage.label.registry": {"id": "Membaca daftar instansi", "en": "Reading the agency registry"},
    "stage.label.gates": {"id": "Memeriksa persyaratan", "en": "Checking the eligibility rules"},
    "stage.label.eligible": {
        "id": "Memilah proposal yang memenuhi syarat",
        "en": "Taking the eligible proposals",
    },
    "stage.label.prior_art": {
        "id": "Memilih inovasi terdahulu sebelum batas waktu",
        "en": "Taking the prior innovations before the cut-off",
    },
    "stage.label.index": {"id": "Menyiapkan indeks korpus", "en": "Preparing the corpus index"},
    "stage.label.novelty": {"id": "Mengukur kebaruan", "en": "Measuring novelty"},
    "stage.label.scores": {"id": "Menilai kriteria", "en": "Scoring the criteria"},
    "stage.label.reviews": {"id": "Membaca penilaian juri", "en": "Reading the reviewers' scores"},
    "stage.label.scorecards": {
        "id": "Menggabungkan nilai juri",
        "en": "Adding the reviewers' scores",
    },
    "stage.label.ranking": {"id": "Menyusun peringkat", "en": "Ranking"},
    "stage.label.run": {"id": "Mencatat proses", "en": "Recording the run"},
    "stage.label.decision": {
        "id": "Menunggu keputusan koordinator",
        "en": "Waiting for the coordinator's decision",
    },
    "stage.label.placements": {"id": "Menetapkan daftar pendek", "en": "Settling the shortlist"},
    "stage.label.pdf_renderer": {
        "id": "Menyiapkan pembuat PDF",
        "en": "Preparing the PDF renderer",
    },
    "stage.label.uncertainty": {
        "id": "Menghitung rentang peringkat",
        "en": "Computing rank ranges",
    },
    "stage.label.results": {"id": "Menyusun hasil", "en": "Building the results"},
    "stage.label.documents": {"id": "Menulis dokumen", "en": "Writing the documents"},
    "stage.label.scorecard_files": {"id": "Menulis kartu nilai", "en": "Writing the scorecards"},
    "stage.label.assignment": {"id": "Membagi proposal kepada juri", "en": "Assigning reviewers"},
    "stage.label.scoresheets": {"id": "Menulis lembar penilaian", "en": "Writing the scoresheets"},
    # what a run's log says after a stage
    "stage.batch": {
        "id": "intake: {proposals:p:proposal} ({valid} valid, {invalid} tidak valid), {unread:p:berkas} tidak terbaca",
        "en": "intake: {proposals:p:proposal/proposals} ({valid} valid, {invalid} invalid), {unread:p:file/files} unread",
    },
    "stage.gates": {
        "id": "syarat: {ineligible} dari {proposals:p:proposal} tidak memenuhi syarat",
        "en": "gates: {ineligible} of {proposals:p:proposal/proposals} ineligible",
    },
    "stage.novelty": {
        "id": "kebaruan: {proposals:p:proposal} dibandingkan; {flagged} ditandai mirip",
        "en": "novelty: {proposals:p:proposal/proposals} compared; {flagged} flagged as similar",
    },
    "stage.ranking": {
        "id": "peringkat: {shortlisted} dari {scored:p:proposal} yang dinilai masuk daftar pendek",
        "en": "ranking: {shortlisted} of {scored:p:scored proposal/scored proposals} shortlisted",
    },
    "stage.documents": {
        "id": "dokumen: {files:p:berkas} ditulis ke {folder}; {reused} kartu nilai sama seperti sebelumnya, {rendered} dibuat ulang",
        "en": "documents: {files:p:file/files} written to {folder}; {reused} scorecards as before, {rendered} rendered",
    },
}
