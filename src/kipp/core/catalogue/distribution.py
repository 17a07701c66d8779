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
        "id": "Jumlah proposal per bagian penilaian; 0: bawaan tahap (200)",
        "en": "Proposals per part of scoring; 0: the stage's default (200)",
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
    "error.partition_deployment_missing": {
        "id": "work pool {pool} tidak memiliki deployment alur kipp-partition",
        "en": "work pool {pool} has no deployment of the kipp-partition flow",
    },
    "hint.partition_deployment_missing": {
        "id": "buat deployment dari prefect.yaml (`prefect --no-prompt deploy --all`) dengan "
        "work pool {pool}, lalu jalankan `prefect worker start --pool {pool}` di tiap mesin",
        "en": "deploy it from prefect.yaml (`prefect --no-prompt deploy --all`) in work pool "
        "{pool}, then run `prefect worker start --pool {pool}` on each machine",
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
    "hint.partition_file_missing": {
        "id": "setiap pekerja harus memasang folder cache bersama yang sama dengan run utama: "
        "atur KIPP_CACHE_DIR ke folder bersama itu di setiap mesin",
        "en": "every worker must mount the same shared cache folder as the main run: set "
        "KIPP_CACHE_DIR to that shared folder on every machine",
    },
}
