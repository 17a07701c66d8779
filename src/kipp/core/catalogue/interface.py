"""What kipp's application says: the `kipp` command's output and errors, the stages of a
run (its log and the terminal's progress display), and the Prefect UI's forms and artifacts.

Long by nature: one entry per sentence or label, each in two languages."""

INTERFACE: dict[str, dict[str, str]] = {
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
        "id": "daftar juri, bukan proposal",
        "en": "the review panel, not a proposal",
    },
    "cli.validate.ignored_name": {
        "id": "nama yang diawali . atau _ sengaja dilewati",
        "en": "names starting with . or _ are skipped",
    },
    "cli.validate.summary": {
        "id": "{proposals:p:proposal} dari {files:p:berkas}: {valid} valid, {invalid} tidak valid, {unread} tidak terbaca, {ignored} dilewati",
        "en": "{proposals:p:proposal/proposals} from {files:p:file/files}: {valid} valid, {invalid} invalid, {unread} unread, {ignored} ignored",
    },
    "cli.validate.summary_warnings": {
        "id": "{proposals:p:proposal} dari {files:p:berkas}: {valid} valid, {invalid} tidak valid, {unread} tidak terbaca, {ignored} dilewati, {warnings:p:peringatan}",
        "en": "{proposals:p:proposal/proposals} from {files:p:file/files}: {valid} valid, {invalid} invalid, {unread} unread, {ignored} ignored, {warnings:p:warning/warnings}",
    },
    "cli.no_proposals": {
        "id": "Tidak ada satu pun proposal di {folder}: periksa apakah folder ini benar, dan bahwa berkasnya berformat .yaml, .json, .md, .csv atau .xlsx.",
        "en": "There is no proposal in {folder}: check that this is the right folder, and that its files are .yaml, .json, .md, .csv or .xlsx.",
    },
    # kipp run
    "cli.run.counts": {
        "id": "{shortlisted} masuk daftar pendek, {scored} dinilai tetapi tidak masuk daftar pendek, {ineligible} tidak memenuhi syarat, {invalid} tidak valid; {unread:p:berkas} tidak terbaca",
        "en": "{shortlisted} shortlisted, {scored} scored but not shortlisted, {ineligible} ineligible, {invalid} invalid; {unread:p:file/files} unread",
    },
    "cli.run.provisional": {
        "id": "(sementara: sebagian nilai total belum final; sebabnya ada di bagian Penilaian "
        "juri pada dokumen daftar pendek)",
        "en": "(provisional: some totals are not final; the section Reviewers' scoring of the "
        "shortlist says why)",
    },
    "cli.run.to_fix": {
        "id": "Berkas yang perlu diperbaiki oleh instansinya:",
        "en": "Files their agencies need to fix:",
    },
    "cli.run.more_to_fix": {
        "id": "... dan {more} lagi: semuanya ada di lembar Masalah pada results.xlsx, atau jalankan kipp validate {folder}",
        "en": "... and {more} more: all are in the Problems sheet of results.xlsx, or run kipp validate {folder}",
    },
    "cli.run.batch_to_fix": {
        "id": "Masalah pada berkas pengaturan kumpulan, daftar juri dan lembar penilaian juri:",
        "en": "Problems in the batch's settings, the panel and the reviewers' scoresheets:",
    },
    "cli.run.more_batch_to_fix": {
        "id": "... dan {more} lagi: semuanya ada di Lampiran teknis shortlist.pdf dan lembar "
        "Masalah pada results.xlsx",
        "en": "... and {more} more: all are in the technical annex of shortlist.pdf and the "
        "Problems sheet of results.xlsx",
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
    # kipp run --watch
    "cli.watch.waiting": {
        "id": "Menunggu perubahan di {folder} untuk menjalankan proses lagi (Ctrl-C untuk berhenti) ...",
        "en": "Waiting for changes in {folder} to run again (Ctrl-C to stop) ...",
    },
    "cli.watch.changed": {
        "id": "Berubah: {files}. Proses dijalankan lagi.",
        "en": "Changed: {files}. Running again.",
    },
    "cli.watch.changed_more": {
        "id": "Berubah: {files} dan {more:p:berkas} lagi. Proses dijalankan lagi.",
        "en": "Changed: {files} and {more:p:more file/more files}. Running again.",
    },
    "cli.watch.removed": {"id": "{file} (dihapus)", "en": "{file} (removed)"},
    "cli.watch.shortlist_same": {
        "id": "Daftar pendek sama dengan daftar pendek proses terakhir yang selesai: isi dan "
        "urutannya tidak berubah.",
        "en": "The shortlist is the last finished run's: the same proposals in the same order.",
    },
    "cli.watch.shortlist_reordered": {
        "id": "Daftar pendek berisi proposal yang sama dengan proses terakhir yang selesai, "
        "tetapi urutannya berubah.",
        "en": "The shortlist holds the last finished run's proposals, in another order.",
    },
    "cli.watch.shortlist_changed": {
        "id": "Daftar pendek berubah dibanding proses terakhir yang selesai:",
        "en": "The shortlist changed since the last run that finished:",
    },
    "cli.watch.shortlist_in": {"id": "masuk", "en": "in"},
    "cli.watch.shortlist_out": {"id": "keluar", "en": "out"},
    "cli.watch.rank_now": {"id": "peringkat {rank}", "en": "rank {rank}"},
    "cli.watch.rank_before": {"id": "sebelumnya di peringkat {rank}", "en": "was rank {rank}"},
    "cli.watch.shortlist_more": {
        "id": "... dan {more} perubahan lagi; daftar pendek lengkap ada di shortlist.pdf",
        "en": "... and {more:p:more change/more changes}; the whole shortlist is in shortlist.pdf",
    },
    "error.watch_failed": {
        "id": "perubahan di {folder} tidak dapat dipantau lagi: {reason}",
        "en": "changes in {folder} can no longer be watched: {reason}",
    },
    "hint.watch_failed": {
        "id": "batas jumlah folder yang dapat dipantau sistem mungkin tercapai: naikkan (fs.inotify.max_user_watches) atau setel WATCHFILES_FORCE_POLLING=true, lalu jalankan perintah yang sama lagi",
        "en": "the system's limit of watched folders may be reached: raise it (fs.inotify.max_user_watches) or set WATCHFILES_FORCE_POLLING=true, then run the same command again",
    },
    "cli.watch.stopped": {
        "id": "Berhenti menunggu perubahan. Folder keluaran memuat dokumen proses terakhir yang selesai.",
        "en": "Stopped waiting for changes. The output folder holds the documents of the last run that finished.",
    },
    "cli.stopped_placed": {
        "id": "Dihentikan sesudah dokumen proses ini lengkap dipindahkan ke {folder}; "
        "ringkasannya tidak ditampilkan: jalankan perintah yang sama untuk melihatnya.",
        "en": "Stopped after this run's documents were moved whole into {folder}; its summary "
        "is not shown: run the same command again to see it.",
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
    "error.out.lock_link": {
        "id": "{file} adalah tautan simbolik; kipp tidak menulis berkas kuncinya melalui tautan",
        "en": "{file} is a symbolic link; kipp does not write its lock file through links",
    },
    "error.out.foreign": {
        "id": "folder keluaran {folder} sudah memuat berkas yang tidak ditulis kipp, di tempat "
        "kipp akan menulis dokumennya: {files}",
        "en": "the output folder {folder} already holds files that kipp did not write, where "
        "kipp writes its documents: {files}",
    },
    "error.out.foreign_more": {
        "id": "folder keluaran {folder} sudah memuat berkas yang tidak ditulis kipp, di tempat "
        "kipp akan menulis dokumennya: {files}, dan {more} lagi",
        "en": "the output folder {folder} already holds files that kipp did not write, where "
        "kipp writes its documents: {files}, and {more} more",
    },
    "error.out.foreign.changed": {
        "id": "{file} (diubah sesudah kipp menulisnya)",
        "en": "{file} (changed since kipp wrote it)",
    },
    "error.out.unchecked": {
        "id": "folder keluaran {folder} memuat dokumen yang dicatat tanpa sidik berkas (sha256), "
        "oleh kipp versi lama atau di .kipp-files.json yang diubah, sehingga kipp tidak dapat "
        "memastikan dokumen itu belum diubah sejak ditulis: {files}",
        "en": "the output folder {folder} holds documents listed without a fingerprint "
        "(sha256), by an older kipp or in an edited .kipp-files.json, so kipp cannot tell "
        "whether they were changed since they were written: {files}",
    },
    "error.out.unchecked_more": {
        "id": "folder keluaran {folder} memuat dokumen yang dicatat tanpa sidik berkas (sha256), "
        "oleh kipp versi lama atau di .kipp-files.json yang diubah, sehingga kipp tidak dapat "
        "memastikan dokumen itu belum diubah sejak ditulis: {files}, dan {more} lagi",
        "en": "the output folder {folder} holds documents listed without a fingerprint "
        "(sha256), by an older kipp or in an edited .kipp-files.json, so kipp cannot tell "
        "whether they were changed since they were written: {files}, and {more} more",
    },
    "error.out.foreign.unchecked": {
        "id": "{file} (kipp tidak dapat memastikan berkas itu belum diubah)",
        "en": "{file} (kipp cannot tell whether it was changed)",
    },
    "hint.out.foreign": {
        "id": "kipp tidak menimpa berkas yang tidak ditulisnya atau yang diubah sesudah "
        "ditulisnya: pindahkan berkas itu ke folder lain atau ganti namanya, atau sebutkan "
        "folder keluaran lain dengan --out",
        "en": "kipp does not overwrite files it did not write or that were changed since it "
        "wrote them: move those files elsewhere or rename them, or give another output folder "
        "with --out",
    },
    "hint.out.foreign_cards": {
        "id": "kipp tidak menimpa berkas yang tidak ditulisnya atau yang diubah sesudah "
        "ditulisnya: pindahkan berkas itu ke folder lain atau ganti namanya; yang di "
        "scorecards/ pindahkan ke luar folder itu (kipp menulis setiap berkas .html dan .pdf "
        "di sana, apa pun namanya; berkas lain boleh tinggal); atau sebutkan folder keluaran "
        "lain dengan --out",
        "en": "kipp does not overwrite files it did not write or that were changed since it "
        "wrote them: move those files elsewhere or rename them, and those in scorecards/ out "
        "of that folder (kipp writes every .html and .pdf there, whatever its name; other "
        "files may stay); or give another output folder with --out",
    },
    "hint.out.foreign_unchecked": {
        "id": "kipp tidak menimpa berkas yang tidak ditulisnya atau yang diubah sesudah "
        "ditulisnya, dan tidak dapat memeriksa berkas yang dicatat kipp versi lama atau "
        "tercatat di .kipp-files.json yang diubah: pindahkan berkas itu (atau seluruh folder) "
        "ke tempat lain atau ganti namanya, atau sebutkan folder keluaran lain dengan --out",
        "en": "kipp does not overwrite files it did not write or that were changed since it "
        "wrote them, and cannot check files listed by an older kipp or in an edited "
        ".kipp-files.json: move those files (or the whole folder) elsewhere or rename them, or "
        "give another output folder with --out",
    },
    "error.out.read_only": {
        "id": "folder keluaran {folder} tidak dapat ditulisi (tidak dapat membuat berkas di {where})",
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
    "error.results_rubric_content": {
        "id": "{path} berasal dari berkas rubrik '{rubric}' yang isinya lain (sidik "
        "{found}…, bukan {given}…): kartu nilainya akan memuat kriteria dan level rubrik yang "
        "salah",
        "en": "{path} comes from a rubric '{rubric}' file with other content (fingerprint "
        "{found}…, not {given}…): its scorecards would show the wrong rubric's criteria and "
        "levels",
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
    # what a run shows in the Prefect UI: artifacts and forms
    "summary.scored_heading": {
        "id": "Semua proposal yang dinilai, menurut peringkat",
        "en": "Every scored proposal, in rank order",
    },
    "summary.col.id": {"id": "Kode", "en": "Id"},
    "summary.col.reason": {"id": "Keterangan", "en": "Why"},
    "ui.scores": {
        "id": "Proposal yang dinilai, menurut peringkat",
        "en": "Scored proposals in rank order",
    },
    "ui.problems": {
        "id": "Masalah pada berkas dan berkas yang tidak terbaca: {count}",
        "en": "Problems in the files, and files not read: {count}",
    },
    "ui.problems.file": {"id": "Berkas", "en": "File"},
    "ui.problems.place": {"id": "Letak", "en": "Where"},
    "ui.problems.field": {"id": "Isian", "en": "Field"},
    "ui.problems.kind": {"id": "Jenis", "en": "Kind"},
    "ui.problems.message": {"id": "Masalah", "en": "Problem"},
    "ui.problems.unread": {"id": "tidak terbaca", "en": "not read"},
    "ui.progress": {
        "id": "{stage}: {done} dari {total} bagian selesai",
        "en": "{stage}: {done} of {total} parts done",
    },
    "ui.review_progress": {
        "id": "Juri: proposal yang dibagikan, selesai dinilai, dan mulai dinilai",
        "en": "Reviewers: proposals assigned, completed and started",
    },
    "ui.documents.heading": {"id": "Dokumen", "en": "Documents"},
    "ui.documents.where": {
        "id": "Dokumen proses ini ada di {folder} pada komputer yang menjalankannya:",
        "en": "This run's documents are in {folder} on the machine that ran it:",
    },
    "ui.documents": {
        "id": "Letak dokumen proses ini",
        "en": "Where this run's documents are",
    },
    # the run form (a deployment's parameters) and the approval form
    "form.run.batch.title": {"id": "Folder kumpulan proposal", "en": "Batch folder"},
    "form.run.batch.description": {
        "id": "Folder berisi berkas proposal, dilihat dari folder tempat kipp serve atau worker berjalan",
        "en": "The folder holding the proposal files, as seen from where kipp serve or the worker runs",
    },
    "form.run.out.title": {"id": "Folder keluaran", "en": "Output folder"},
    "form.run.out.description": {
        "id": "Kosongkan untuk outputs/ lalu nama folder kumpulan proposal",
        "en": "Leave empty for outputs/ and the batch folder's name",
    },
    "form.run.rubric.title": {"id": "Rubrik (YAML)", "en": "Rubric (YAML)"},
    "form.run.rubric.description": {
        "id": "Kosongkan untuk rubrik bawaan KIPP 2022",
        "en": "Leave empty for the bundled KIPP 2022 rubric",
    },
    "form.run.corpus.title": {
        "id": "Korpus inovasi terdahulu (CSV)",
        "en": "Prior innovations (CSV)",
    },
    "form.run.corpus.description": {
        "id": "Kosongkan untuk korpus bawaan",
        "en": "Leave empty for the bundled corpus",
    },
    "form.run.lang.title": {"id": "Bahasa dokumen", "en": "Language of the documents"},
    "form.run.lang.description": {
        "id": "Bahasa dokumen, artefak dan formulir persetujuan proses ini",
        "en": "The language of this run's documents, artifacts and approval form",
    },
    "form.run.size.title": {"id": "Jumlah nominasi", "en": "Shortlist size"},
    "form.run.size.description": {
        "id": "0 untuk jumlah yang ditetapkan rubrik",
        "en": "0 for the rubric's size",
    },
    "form.run.approval.title": {
        "id": "Tunggu persetujuan koordinator",
        "en": "Wait for the coordinator's approval",
    },
    "form.run.approval.description": {
        "id": "Proses berhenti sejenak setelah penilaian sampai koordinator menyetujui daftar pendek atau memindahkan proposal masuk atau keluar",
        "en": "The run pauses after scoring until a coordinator approves the shortlist or moves proposals in or out",
    },
    "form.run.approval_wait_s.title": {"id": "Lama menunggu (detik)", "en": "Wait (seconds)"},
    "form.run.approval_wait_s.description": {
        "id": "Selama ini proses menunggu keputusan di mesinnya; sesudahnya proses tetap dijeda tanpa memakai worker",
        "en": "How long the run waits for the decision on its machine; after that it stays paused without holding a worker",
    },
    "form.run.dask.title": {"id": "Nilai di klaster Dask", "en": "Score on a Dask cluster"},
    "form.run.dask.description": {
        "id": "Menilai di klaster Dask lokal (perlu paket tambahan kipp[dask])",
        "en": "Score on a local Dask cluster (needs the kipp[dask] extra)",
    },
    "form.run.dask_workers.title": {"id": "Proses Dask", "en": "Dask processes"},
    "form.run.dask_workers.description": {
        "id": "Jumlah proses pekerja Dask",
        "en": "How many Dask worker processes",
    },
    "form.validate.deployment": {
        "id": "Memeriksa setiap berkas kumpulan proposal terhadap format proposal.",
        "en": "Check every file of a batch against the submission format.",
    },
    "form.run.deployment": {
        "id": "Memeriksa, menyaring, mengukur, menilai dan menyusun daftar pendek kumpulan proposal; menunggu persetujuan koordinator; menulis dokumen.",
        "en": "Validate, gate, measure, score and shortlist a batch; pause for the coordinator's approval; write the documents.",
    },
    "form.assign.deployment": {
        "id": "Membagi proposal yang memenuhi syarat kepada juri dan menulis lembar penilaiannya.",
        "en": "Assign reviewers to the eligible proposals of a batch and write their scoresheets.",
    },
    "form.validate.lang.title": {"id": "Bahasa laporan", "en": "Language of the report"},
    "form.validate.lang.description": {
        "id": "Bahasa laporan pemeriksaan dan pesan masalahnya",
        "en": "The language of the report and its problem messages",
    },
    "ui.validation.heading": {"id": "Pemeriksaan {folder}", "en": "Validation of {folder}"},
    "ui.validation": {"id": "Ringkasan pemeriksaan", "en": "Validation summary"},
    "form.assign.panel.title": {"id": "Daftar juri (YAML)", "en": "Reviewer panel (YAML)"},
    "form.assign.panel.description": {
        "id": "Kosongkan untuk reviewers.yaml di folder kumpulan proposal",
        "en": "Leave empty for reviewers.yaml in the batch folder",
    },
    "form.assign.per_proposal.title": {"id": "Juri per proposal", "en": "Reviewers per proposal"},
    "form.assign.per_proposal.description": {
        "id": "0 untuk jumlah yang ditetapkan rubrik",
        "en": "0 for the rubric's number",
    },
    "form.assign.seed.title": {"id": "Angka acak", "en": "Seed"},
    "form.assign.seed.description": {
        "id": "Angka yang sama menghasilkan pembagian yang sama",
        "en": "The same seed gives the same assignment",
    },
    "form.assign.out.title": {"id": "Folder lembar penilaian", "en": "Scoresheet folder"},
    "form.assign.out.description": {
        "id": "Kosongkan untuk _reviews di folder kumpulan proposal",
        "en": "Leave empty for _reviews in the batch folder",
    },
    "form.assign.blind.title": {"id": "Tanpa identitas", "en": "Blind packets"},
    "form.assign.blind.description": {
        "id": "rubric: sesuai rubrik; yes: tanpa nama instansi dan inovator; no: dengan nama",
        "en": "rubric: as the rubric says; yes: without agency and innovator names; no: with names",
    },
    "form.assign.lang.title": {
        "id": "Bahasa lembar penilaian",
        "en": "Language of the scoresheets",
    },
    "form.assign.lang.description": {
        "id": "Bahasa judul kolom dan petunjuk lembar penilaian",
        "en": "The language of the scoresheets' headings and instructions",
    },
    "form.assign.force.title": {"id": "Timpa lembar yang ada", "en": "Overwrite"},
    "form.assign.force.description": {
        "id": "Menimpa lembar penilaian yang sudah ada di folder itu",
        "en": "Overwrite scoresheets already in that folder",
    },
    "form.approval.decided_by.title": {"id": "Nama Anda", "en": "Your name"},
    "form.approval.decided_by.description": {
        "id": "Dicatat dalam dokumen sebagai yang memutuskan",
        "en": "Recorded in the documents as who decided",
    },
    "form.approval.note.title": {"id": "Catatan", "en": "Note"},
    "form.approval.note.description": {
        "id": "Catatan atas daftar pendek (boleh kosong)",
        "en": "A note on the shortlist (may be empty)",
    },
    "form.approval.moves.title": {"id": "Pemindahan", "en": "Moves"},
    "form.approval.moves.description": {
        "id": "Proposal yang dimasukkan ke atau dikeluarkan dari daftar pendek, masing-masing dengan alasan; biarkan kosong untuk menyetujui daftar pendek sesuai peringkat",
        "en": "Proposals to move into or out of the shortlist, each with a reason; leave empty to approve the shortlist as ranked",
    },
    "form.approval.proposal.title": {"id": "Proposal", "en": "Proposal"},
    "form.approval.direction.title": {"id": "Pindahkan", "en": "Move"},
    "form.approval.reason.title": {"id": "Alasan", "en": "Reason"},
    "form.approval.reason.description": {
        "id": "Dicatat dalam dokumen",
        "en": "Recorded in the documents",
    },
    "form.approval.in": {"id": "masukkan ke daftar pendek", "en": "into the shortlist"},
    "form.approval.out": {"id": "keluarkan dari daftar pendek", "en": "out of the shortlist"},
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
    "stage.label.gates": {"id": "Memeriksa syarat", "en": "Checking the eligibility rules"},
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
    # every run passes through it; only a run with --approval waits there (and says so)
    "stage.label.decision": {
        "id": "Memeriksa keputusan koordinator",
        "en": "Checking for the coordinator's decision",
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
        "id": "penerimaan: {proposals:p:proposal} ({valid} valid, {invalid} tidak valid), {unread:p:berkas} tidak terbaca",
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
