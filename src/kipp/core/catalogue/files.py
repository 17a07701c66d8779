"""What kipp says about reading files as files: spreadsheets in every format people save,
CSV dialects, sizes and shapes that a reader refuses, names that are not text, folders nested
too deep, and text that a document cannot hold."""

FILES: dict[str, dict[str, str]] = {
    # workbooks measured before they are opened (kipp.intake.sheet_bounds, xls_bounds)
    "sheet.too_many_cells": {
        "id": "lembar '{sheet}' menjangkau baris {row} dan kolom {column}: lebih dari {cap} "
        "sel dihitung dari A1, melebihi yang boleh dimuat satu lembar; hapus isian di luar "
        "data, atau pecah ekspornya menjadi beberapa berkas",
        "en": "sheet '{sheet}' reaches row {row} and column {column}: more than {cap} cells "
        "counted from A1, more than a sheet may hold; delete what lies beyond the data, or "
        "split the export into several files",
    },
    "sheet.too_many_columns": {
        "id": "baris {row} memuat isian di kolom {column}, padahal lembar dibaca sampai kolom "
        "{last} ({cap} kolom) saja; hapus isian di luar data, atau pindahkan kolom yang "
        "dimaksud ke kiri",
        "en": "row {row} holds a value in column {column}, but a sheet is read up to column "
        "{last} ({cap} columns) only; delete what lies beyond the data, or move the column "
        "meant to the left",
    },
    "csv.too_many_cells": {
        "id": "menjangkau baris {row} dan kolom {column}: lebih dari {cap} sel dihitung dari "
        "kolom pertama baris pertama, melebihi yang boleh dimuat satu lembar; pecah ekspornya "
        "menjadi beberapa berkas",
        "en": "reaches row {row} and column {column}: more than {cap} cells counted from the "
        "first column of the first row, more than a sheet may hold; split the export into "
        "several files",
    },
    "csv.row_too_long": {
        "id": "baris {row} memuat lebih dari {cap} sel, jauh melebihi isi sebuah lembar; "
        "ekspor ulang dari program lembar kerja",
        "en": "row {row} holds more than {cap} cells, far more than a sheet holds; export it "
        "again from the spreadsheet program",
    },
    "workbook.too_many_texts": {
        "id": "menyatakan memuat lebih dari {count} teks berbeda, melebihi yang boleh dimuat "
        "lembar-lembarnya; simpan ulang dari program lembar kerja",
        "en": "declares more than {count} different texts, more than its sheets may hold; "
        "save it again from the spreadsheet program",
    },
    "workbook.understated": {
        "id": "bagian '{member}' berukuran lebih besar setelah diekstrak daripada ukuran yang "
        "dinyatakannya, seperti bom zip; simpan ulang dari program lembar kerja",
        "en": "part '{member}' unpacks to more than the size it declares, as a zip bomb does; "
        "save it again from the spreadsheet program",
    },
    "workbook.encrypted": {
        "id": "buku kerja dilindungi kata sandi; simpan ulang tanpa kata sandi",
        "en": "the workbook is protected by a password; save it again without one",
    },
    "workbook.packing": {
        "id": "bagian '{member}' dimampatkan dengan cara yang tidak dapat dibuka kipp; simpan "
        "ulang dari program lembar kerja",
        "en": "part '{member}' is compressed in a way kipp cannot unpack; save it again from "
        "the spreadsheet program",
    },
    "workbook.damaged_member": {
        "id": "bagian '{member}' rusak ({detail}); simpan ulang dari program lembar kerja",
        "en": "part '{member}' is damaged ({detail}); save it again from the spreadsheet program",
    },
    "workbook.unreadable": {
        "id": "berkas {kind} tidak terbaca ({detail}); simpan ulang dari program lembar kerja",
        "en": "not a readable {kind} file ({detail}); save it again from the spreadsheet program",
    },
    "ods.not_zip": {
        "id": "bukan lembar kerja .ods yang sah (bukan arsip zip); simpan ulang dari program "
        "lembar kerja sebagai .ods",
        "en": "not a valid .ods spreadsheet (not a zip archive); save it again from the "
        "spreadsheet program as .ods",
    },
    "xls.not_ole": {
        "id": "bukan buku kerja .xls yang sah (tidak diawali penanda berkas Excel 97-2003); "
        "simpan ulang dari program lembar kerja, sebaiknya sebagai .xlsx",
        "en": "not a valid .xls workbook (it does not start as an Excel 97-2003 file does); "
        "save it again from the spreadsheet program, preferably as .xlsx",
    },
    "xls.damaged": {
        "id": "buku kerja .xls rusak ({detail}); simpan ulang dari program lembar kerja, "
        "sebaiknya sebagai .xlsx",
        "en": "the .xls workbook is damaged ({detail}); save it again from the spreadsheet "
        "program, preferably as .xlsx",
    },
    # the batch folder as a tree of names (kipp.intake.proposals)
    "folder.too_deep": {
        "id": "folder ini berada lebih dari {count:d} tingkat di bawah folder kumpulan, "
        "sehingga isinya tidak dibaca; pindahkan berkasnya ke tingkat yang lebih atas",
        "en": "this folder is more than {count:d} levels below the batch folder, so nothing "
        "in it is read; move its files further up",
    },
    "name.not_text": {
        "id": "nama berkas ini (atau nama folder di atasnya) memuat bait yang bukan teks atau "
        "karakter kendali, yang di sini ditulis sebagai \\xNN; ganti namanya",
        "en": "the name of this file (or of a folder above it) holds bytes that are not text "
        "or control characters, written here as \\xNN; rename it",
    },
    # the batch's own files: settings, registry, panel (kipp.intake.settings)
    "settings.symlink": {
        "id": "berupa tautan simbolik, yang tidak diikuti kipp, sehingga tidak dibaca; "
        "letakkan berkasnya sendiri (bukan tautan) di folder kumpulan",
        "en": "is a symbolic link, which kipp does not follow, so it is not read; put the "
        "file itself (not a link) in the batch folder",
    },
    "panel.too_big": {
        "id": "{size:d} byte; daftar juri paling besar {max:d} byte",
        "en": "{size:d} bytes; a panel may hold at most {max:d}",
    },
    "settings.not_regular": {
        "id": "bukan berkas biasa ({kind}), sehingga tidak dibaca; letakkan berkasnya sendiri "
        "dengan nama ini",
        "en": "is not a regular file ({kind}), so it is not read; put the file itself under "
        "this name",
    },
    "file.kind.file": {"id": "sebuah berkas", "en": "a file"},
    "file.kind.folder": {"id": "sebuah folder", "en": "a folder"},
    "file.kind.device": {"id": "sebuah perangkat", "en": "a device"},
    "file.kind.pipe": {"id": "sebuah pipa bernama", "en": "a named pipe"},
    "file.kind.socket": {"id": "sebuah soket", "en": "a socket"},
    "file.kind.other": {"id": "jenis lain", "en": "another kind"},
    # the reviewers' folder (kipp.intake.review_sheets)
    "reviews.dir_symlink": {
        "id": "berupa tautan simbolik, yang tidak diikuti kipp, sehingga isinya (lembar "
        "penilaian, assignments.csv) tidak dibaca; ganti tautannya dengan folder _reviews/ "
        "yang sebenarnya berisi berkas-berkas itu",
        "en": "is a symbolic link, which kipp does not follow, so nothing in it (scoresheets, "
        "assignments.csv) is read; replace the link with a real _reviews/ folder holding "
        "the files",
    },
    "reviews.dir_not_folder": {
        "id": "bukan folder ({kind}), sehingga tidak ada lembar penilaian yang dibaca; "
        "ganti dengan folder _reviews/ yang berisi lembar penilaian",
        "en": "is not a folder ({kind}), so no scoresheet is read; replace it with a "
        "_reviews/ folder holding the scoresheets",
    },
    "reviews.symlink": {
        "id": "berupa tautan simbolik, yang tidak diikuti kipp, sehingga tidak dibaca; "
        "letakkan berkasnya sendiri (bukan tautan) di _reviews/",
        "en": "is a symbolic link, which kipp does not follow, so it is not read; put the "
        "file itself (not a link) in _reviews/",
    },
    # writing the scoresheets (kipp.assignment.plan)
    "assign.out_link": {
        "id": "folder lembar penilaian {folder} berupa tautan simbolik; kipp tidak pernah "
        "menulis melalui tautan simbolik, sehingga tidak ada yang ditulis",
        "en": "the scoresheet folder {folder} is a symbolic link; kipp never writes through "
        "a symbolic link, so nothing was written",
    },
    "assign.out_link.hint": {
        "id": "ganti tautannya dengan folder yang sebenarnya (pindahkan ke dalamnya isi yang "
        "ditunjuk tautan itu), atau berikan folder yang sebenarnya dengan --out",
        "en": "replace the link with a real folder (move what the link points to into it), "
        "or give a real folder with --out",
    },
    "assign.out_not_folder": {
        "id": "folder lembar penilaian {folder} bukan folder ({kind}), sehingga tidak ada yang "
        "ditulis",
        "en": "the scoresheet folder {folder} is not a folder ({kind}), so nothing was written",
    },
    "assign.out_not_folder.hint": {
        "id": "pindahkan atau hapus {folder}, atau berikan folder lain dengan --out",
        "en": "move or remove {folder}, or give another folder with --out",
    },
    "reviews.not_a_sheet": {
        "id": "tidak dibaca sebagai lembar penilaian: kipp membaca lembar penilaian berformat "
        "{kinds}; simpan ulang dalam salah satu format itu",
        "en": "not read as a scoresheet: kipp reads scoresheets saved as {kinds}; save it "
        "again as one of them",
    },
    "reviews.folder": {
        "id": "berupa folder: kipp membaca lembar penilaian yang langsung berada di _reviews/, "
        "bukan di folder di dalamnya; pindahkan lembarnya ke _reviews/",
        "en": "is a folder: kipp reads the scoresheets directly in _reviews/, not in folders "
        "inside it; move the sheets up into _reviews/",
    },
}
