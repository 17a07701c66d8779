"""What a run says about running split stages elsewhere: on Prefect workers of a work pool
or on an existing Dask cluster (the run's options, their forms, their errors)."""

DISTRIBUTION: dict[str, dict[str, str]] = {
    "form.run.work_pool.title": {"id": "Work pool bagian", "en": "Work pool for parts"},
    "form.run.work_pool.description": {
        "id": "Nama work pool Prefect yang pekerjanya menjalankan bagian-bagian penilaian "
        "(deployment kipp-partition); kosong: di proses ini",
        "en": "Name of the Prefect work pool whose workers run the parts of scoring "
        "(the kipp-partition deployment); empty: in this process",
    },
    "form.run.dask_address.title": {"id": "Alamat klaster Dask", "en": "Dask cluster address"},
    "form.run.dask_address.description": {
        "id": "Alamat penjadwal klaster Dask yang sudah berjalan, misalnya tcp://host:8786; "
        "kosong: klaster lokal bila Dask dipilih",
        "en": "Scheduler address of a running Dask cluster, e.g. tcp://host:8786; empty: a "
        "local cluster when Dask is chosen",
    },
    "form.run.partition_size.title": {"id": "Ukuran bagian", "en": "Part size"},
    "form.run.partition_size.description": {
        "id": "Jumlah proposal per bagian penilaian. 0: 200 di klaster Dask atau work pool; tanpa keduanya, paling banyak empat bagian (masing-masing sedikitnya 200)",
        "en": "Proposals per part of scoring. 0: 200 on a Dask cluster or a work pool; without either, at most four parts (each of at least 200)",
    },
    "error.distribution_needs_server": {
        "id": "{option} memerlukan server Prefect yang dapat dijangkau oleh para pekerja",
        "en": "{option} needs a Prefect server the workers can reach",
    },
    "hint.distribution_needs_server": {
        "id": "atur PREFECT_API_URL ke server tim, misalnya http://SERVER:4200/api "
        "(lihat docs/scale-out.md)",
        "en": "set PREFECT_API_URL to the team's server, e.g. http://SERVER:4200/api "
        "(see docs/scale-out.md)",
    },
    "error.distribution_two_places": {
        "id": "--work-pool dan {option} dipakai bersama; bagian penilaian berjalan di satu "
        "tempat saja",
        "en": "--work-pool and {option} given together; the parts of scoring run in one place only",
    },
    "hint.distribution_two_places": {
        "id": "pilih salah satu: --work-pool NAMA untuk para pekerja Prefect, atau "
        "--dask-address / --dask untuk klaster Dask",
        "en": "choose one: --work-pool NAME for Prefect workers, or --dask-address / --dask "
        "for a Dask cluster",
    },
    "error.dask_address_invalid": {
        "id": "{address} bukan alamat penjadwal Dask",
        "en": "{address} is not a Dask scheduler address",
    },
    "hint.dask_address_invalid": {
        "id": "tulis alamat penjadwalnya dengan port, misalnya tcp://HOST:8786 (bukan alamat "
        "dasbor http://...)",
        "en": "write the scheduler's address with its port, e.g. tcp://HOST:8786 (not the "
        "dashboard's http://... address)",
    },
    "error.dask_unreachable": {
        "id": "penjadwal Dask di {address} tidak menjawab dalam {seconds:d} detik",
        "en": "no Dask scheduler answered at {address} within {seconds:d} seconds",
    },
    "error.dask_not_scheduler": {
        "id": "{address} adalah {kind} Dask, bukan penjadwalnya",
        "en": "{address} is a Dask {kind}, not its scheduler",
    },
    "hint.dask_unreachable": {
        "id": "periksa bahwa penjadwal berjalan (dask scheduler) dan alamatnya memakai port "
        "penjadwal (8786 bawaan), bukan port dasbor (8787)",
        "en": "check that the scheduler runs (dask scheduler) and that the address has the "
        "scheduler's port (8786 by default), not the dashboard's (8787)",
    },
    "error.work_pool_missing": {
        "id": "work pool {pool} tidak ada di server Prefect ini",
        "en": "there is no work pool {pool} on this Prefect server",
    },
    "hint.work_pool_missing": {
        "id": "periksa ejaan namanya (prefect work-pool ls), atau buat: prefect work-pool "
        "create {pool} --type process, lalu deploy kipp-partition ke sana (lihat "
        "docs/scale-out.md)",
        "en": "check its name (prefect work-pool ls), or create it: prefect work-pool create "
        "{pool} --type process, then deploy kipp-partition there (see docs/scale-out.md)",
    },
    "error.work_pool_idle": {
        "id": "tidak ada pekerja work pool {pool} yang sedang berjalan",
        "en": "no worker of work pool {pool} is running",
    },
    "hint.work_pool_idle": {
        "id": "jalankan `prefect worker start --pool {pool}` di tiap mesin pekerja, dengan "
        "KIPP_CACHE_DIR diatur ke folder cache bersama",
        "en": "run `prefect worker start --pool {pool}` on each worker machine, with "
        "KIPP_CACHE_DIR set to the shared cache folder",
    },
    "error.work_pool_gone": {
        "id": "{parts:p:bagian} menunggu, tetapi tidak ada pekerja work pool {pool} yang "
        "berjalan selama {seconds:d} detik",
        "en": "{parts:p:part/parts} waiting, but no worker of work pool {pool} has been "
        "running for {seconds:d} seconds",
    },
    "error.partition_not_started": {
        "id": "bagian {part} dari tahap {stage} (run {run}) diambil seorang pekerja tetapi "
        "tidak dimulai dalam {seconds:d} detik",
        "en": "part {part} of stage {stage} (run {run}) was taken by a worker but not started "
        "within {seconds:d} seconds",
    },
    "error.partition_silent": {
        "id": "bagian {part} dari tahap {stage} (run {run}) tidak terdengar lagi dari "
        "pekerjanya selama {seconds:d} detik",
        "en": "part {part} of stage {stage} (run {run}) has not been heard from its worker "
        "for {seconds:d} seconds",
    },
    "hint.partition_lost": {
        "id": "pekerjanya mungkin berhenti atau mesinnya mati: lihat log pekerja itu, lalu "
        "jalankan perintah yang sama lagi (bagian-bagian lain sudah dibatalkan)",
        "en": "its worker may have stopped or its machine gone down: read that worker's log, "
        "then run the same command again (the other parts were cancelled)",
    },
    "error.partition_deployment_missing": {
        "id": "work pool {pool} tidak memiliki deployment alur kipp-partition",
        "en": "work pool {pool} has no deployment of the kipp-partition flow",
    },
    "hint.partition_deployment_missing": {
        "id": "dari folder kipp (KIPP_HOME): `prefect deploy flows/partition.py:kipp_partition "
        "-n partition-{pool} -p {pool}`, lalu jalankan `prefect worker start --pool {pool}` "
        "di tiap mesin",
        "en": "from the kipp folder (KIPP_HOME): `prefect deploy "
        "flows/partition.py:kipp_partition -n partition-{pool} -p {pool}`, then run "
        "`prefect worker start --pool {pool}` on each machine",
    },
    "error.partition_failed": {
        "id": "bagian {part} dari tahap {stage} berakhir {state} pada run {run}: {message}",
        "en": "part {part} of stage {stage} ended {state} in run {run}: {message}",
    },
    "hint.partition_failed": {
        "id": "lihat log run tersebut di antarmuka Prefect dan log pekerjanya",
        "en": "read that run's log in the Prefect UI and its worker's log",
    },
    "error.partition_file_missing": {
        "id": "berkas bagian {part} tidak ditemukan di {path}",
        "en": "the file of part {part} is not at {path}",
    },
    "error.partition_gone": {
        "id": "folder pertukaran bagian {part} sudah dihapus: run utamanya gagal atau dihentikan",
        "en": "the exchange folder of part {part} is gone: its run failed or was stopped",
    },
    "error.partition_unshared": {
        "id": "pekerja yang mengambil bagian {part} dari tahap {stage} (run {run}) tidak "
        "menemukan masukan bagian itu, yang ditulis run ini di {path}",
        "en": "the worker that took part {part} of stage {stage} (run {run}) did not find its "
        "inputs, which this run wrote at {path}",
    },
    "hint.partition_file_missing": {
        "id": "setiap pekerja harus memasang folder cache bersama yang sama dengan run utama: "
        "atur KIPP_CACHE_DIR ke folder bersama itu di setiap mesin",
        "en": "every worker must mount the same shared cache folder as the main run: set "
        "KIPP_CACHE_DIR to that shared folder on every machine",
    },
}
