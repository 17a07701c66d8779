"""What a run says about the coordinator's decision on the shortlist."""

APPROVAL: dict[str, dict[str, str]] = {
    "approval.moved_in": {
        "id": "Dimasukkan ke daftar pendek oleh {by} (peringkat {rank} dari {count}): {why}",
        "en": "Moved into the shortlist by {by} (ranked {rank} of {count}): {why}",
    },
    "approval.moved_out": {
        "id": "Dikeluarkan dari daftar pendek oleh {by} (peringkat {rank} dari {count}): {why}",
        "en": "Moved out of the shortlist by {by} (ranked {rank} of {count}): {why}",
    },
    "approval.awaiting": {
        "id": "Rancangan daftar pendek, menunggu persetujuan koordinator: lanjutkan (Resume) proses "
        "ini untuk menyetujuinya, atau untuk memindahkan proposal masuk atau keluar, masing-masing "
        "dengan alasan.",
        "en": "Draft shortlist, awaiting the coordinator's approval: Resume the run to approve "
        "it or to move proposals in or out, each with a reason.",
    },
    "approval.refused": {
        "id": "Keputusan terakhir tidak dapat diterapkan: {reason} ({hint}).",
        "en": "The last decision could not be applied: {reason} ({hint}).",
    },
    "approval.error.unknown": {
        "id": "persetujuan: proposal {id} tidak termasuk proposal yang dinilai",
        "en": "approval: proposal {id} is not among the scored proposals",
    },
    "approval.hint.unknown": {
        "id": "pindahkan hanya proposal yang tercantum di scores.csv dengan peringkat",
        "en": "move only proposals listed in scores.csv with a rank",
    },
    "approval.error.twice": {
        "id": "persetujuan: proposal {id} dipindahkan lebih dari sekali",
        "en": "approval: proposal {id} is moved more than once",
    },
    "approval.hint.twice": {
        "id": "cukup satu pemindahan untuk setiap proposal",
        "en": "give one move per proposal",
    },
    "approval.error.already_in": {
        "id": "persetujuan: proposal {id} sudah ada di daftar pendek",
        "en": "approval: proposal {id} is already in the shortlist",
    },
    "approval.error.already_out": {
        "id": "persetujuan: proposal {id} memang tidak ada di daftar pendek",
        "en": "approval: proposal {id} is already out of the shortlist",
    },
    "approval.hint.already": {
        "id": "masukkan hanya proposal di luar daftar pendek, dan keluarkan hanya proposal yang ada di dalamnya",
        "en": "move in only proposals outside the shortlist, and out only those in it",
    },
    "approval.error.no_reason": {
        "id": "persetujuan: pemindahan proposal {id} memerlukan alasan",
        "en": "approval: moving proposal {id} needs a reason",
    },
    "approval.hint.no_reason": {
        "id": "tuliskan alasannya pada isian alasan pemindahan",
        "en": "say why in the move's reason",
    },
    "approval.error.changed": {
        "id": "persetujuan: nilai berubah selama proses dijeda (ada proposal, penilaian juri atau daftar instansi yang diubah), sehingga keputusan diberikan atas daftar pendek yang berbeda dengan rancangan sekarang",
        "en": "approval: the scores changed while the run was paused (a proposal, a review or the agency registry was edited), so the decision was given on another shortlist than the one now proposed",
    },
    "approval.hint.changed": {
        "id": "baca kembali rancangan daftar pendek, lalu putuskan atasnya",
        "en": "read the proposed shortlist again and decide on it",
    },
}
