"""What a run says about the coordinator's decision on the shortlist (issue 6)."""

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
        "id": "Usulan daftar pendek, menunggu persetujuan koordinator: lanjutkan (Resume) proses "
        "ini untuk menyetujuinya, atau untuk memindahkan proposal masuk atau keluar, masing-masing "
        "dengan alasan.",
        "en": "Proposed shortlist, awaiting the coordinator's approval: Resume the run to approve "
        "it or to move proposals in or out, each with a reason.",
    },
    "approval.refused": {
        "id": "Keputusan terakhir tidak dapat diterapkan: {reason} ({hint}).",
        "en": "The last decision could not be applied: {reason} ({hint}).",
    },
}
