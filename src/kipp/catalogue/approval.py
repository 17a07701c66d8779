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
}
