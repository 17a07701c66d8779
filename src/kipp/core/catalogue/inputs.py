"""What kipp says about the files people give it: proposals (values, keys, dates, YAML, JSON,
Markdown, spreadsheets, the batch folder), the review panel, `assignments.csv` and the
scoresheets, the agency registry, the rubric, the prior-innovation corpus and the
assignment of reviewers.

Long by nature: one entry per sentence, each in two languages.

Values from the files (a key, a cell, a name) are parameters, shown as written in either
language; counts and sizes are numbers, formatted per language.
"""

_AS_DATE = "write it as 2019-07-01 or 1 Juli 2019"
_SEPERTI_TANGGAL = "tulis seperti 2019-07-01 atau 1 Juli 2019"

INPUTS: dict[str, dict[str, str]] = {
    # one problem as a line, in the errors that list the problems of a file
    "problem.line": {
        "id": "{location}: {field}: {message}",
        "en": "{location}: {field}: {message}",
    },
    # lists and ranges inside sentences
    "list.or": {"id": "{items} atau {last}", "en": "{items} or {last}"},
    "scale.range": {"id": "{min:d} sampai {max:d}", "en": "{min:d} to {max:d}"},
    "size.bytes": {"id": "{n:d} byte", "en": "{n:d} bytes"},
    "size.kb": {"id": "{n:.1f} KB", "en": "{n:.1f} KB"},
    "size.mb": {"id": "{n:.1f} MB", "en": "{n:.1f} MB"},
    # a value of a field (kipp.core.validation.describe, kipp.core.models)
    "value.missing": {
        "id": "wajib diisi, tetapi kosong; tambahkan `{hint}:`",
        "en": "required, but missing; add `{hint}:`",
    },
    "value.missing_column": {
        "id": "wajib diisi, tetapi kosong; isi kolom `{hint}`",
        "en": "required, but missing; fill in the `{hint}` column",
    },
    "value.not_text": {"id": "{value} harus berupa teks", "en": "{value} should be text"},
    "value.empty": {"id": "kosong; tulis isinya", "en": "is empty; write a value"},
    "value.too_short": {
        "id": "{length:p:karakter}; minimal {min} karakter",
        "en": "{length:p:character/characters}; at least {min} needed",
    },
    "value.too_long": {
        "id": "{length:p:karakter}; maksimal {max} karakter",
        "en": "{length:p:character/characters}; at most {max} allowed",
    },
    "value.not_whole": {
        "id": "{value} bukan bilangan bulat",
        "en": "{value} is not a whole number",
    },
    "value.not_a_number": {
        "id": "{value} bukan angka; tulis dengan angka, mis. 1250",
        "en": "{value} is not a number; write digits, e.g. 1250",
    },
    "value.too_small": {
        "id": "{value} terlalu kecil; nilai terendah yang diizinkan {limit}",
        "en": "{value} is too small; the lowest allowed is {limit}",
    },
    "value.too_large": {
        "id": "{value} terlalu besar; nilai tertinggi yang diizinkan {limit}",
        "en": "{value} is too large; the highest allowed is {limit}",
    },
    "value.not_list": {
        "id": "{value} harus berupa daftar (satu '- butir' per baris)",
        "en": "{value} should be a list (one '- item' per line)",
    },
    "value.not_mapping": {
        "id": "{value} harus berupa kumpulan isian (kunci: nilai)",
        "en": "{value} should be a mapping of fields (key: value)",
    },
    "value.not_yes_no": {
        "id": "{value} bukan ya atau tidak; tulis true/false (atau ya/tidak)",
        "en": "{value} is not yes or no; write true/false (or ya/tidak)",
    },
    "value.not_allowed": {
        "id": "{value} tidak diizinkan; pilih salah satu: {choices}",
        "en": "{value} is not allowed; use one of: {choices}",
    },
    "value.too_few": {
        "id": "{kind} harus berisi minimal {min:p:butir}, bukan {actual}",
        "en": "{kind} should have at least {min:p:item/items} after validation, not {actual}",
    },
    "value.too_many": {
        "id": "{kind} harus berisi maksimal {max:p:butir}, bukan {actual}",
        "en": "{kind} should have at most {max:p:item/items} after validation, not {actual}",
    },
    # a value that is not text, named in a sentence: as written where the file says, else
    # in words (a list or a mapping is never shown as a program would print it)
    "value.shown.list": {
        "id": "sebuah daftar berisi {count:p:butir}",
        "en": "a list of {count:p:item/items}",
    },
    "value.shown.mapping": {
        "id": "sebuah kumpulan isian berisi {count:p:kunci}",
        "en": "a mapping of {count:p:key/keys}",
    },
    "value.shown.other": {"id": "nilai ini", "en": "this value"},
    "value.kind.list": {"id": "Daftar", "en": "List"},
    "value.kind.dictionary": {"id": "Kumpulan isian", "en": "Dictionary"},
    "value.unknown_field": {"id": "isian tidak dikenal", "en": "unknown field"},
    # a check kipp does not name (pydantic's own sentence, in English)
    "value.invalid": {"id": "tidak sah: {detail}", "en": "{detail}"},
    # figures (kipp.core.numbers): how `4.870`, `72,4` and `Rp 1,5 juta` are read
    "number.not_whole": {
        "id": "{value} bukan bilangan bulat; jumlah ditulis tanpa pecahan, mis. 4870 atau 4.870",
        "en": "{value} is not a whole number; a count has no fractions: write e.g. 4870 or 4.870",
    },
    "number.money_decimals": {
        "id": "{value} memiliki lebih dari dua angka di belakang koma; tulis rupiah dengan "
        "paling banyak dua angka sen, mis. 150.000 atau 150.000,50",
        "en": "{value} has more than two decimal places; write rupiah with at most two for "
        "sen, e.g. 150.000 or 150.000,50",
    },
    "number.ambiguous": {
        "id": "{value} bisa berarti {large:.15g} atau {small:.15g}; agar tidak keliru dibaca, "
        "tulis {large:.15g} (tanpa pemisah ribuan) atau {small:.15g}",
        "en": "{value} could mean {large:.15g} or {small:.15g}; so that it cannot be misread, "
        "write {large:.15g} (no thousands separator) or {small:.15g}",
    },
    "number.word_here": {
        "id": "{value}: '{word}' tidak dipakai untuk {kind}; tulis angkanya saja, mis. {example}",
        "en": "{value}: '{word}' does not belong in {kind}; write the number alone, e.g. {example}",
    },
    "value.direction_removed": {
        "id": "memuat {count:p:karakter pengatur arah teks} (tak terlihat) yang membalik urutan "
        "huruf saat teks ditampilkan; karakter itu dihapus, periksa teksnya",
        "en": "held {count:p:character/characters} that override the direction of text "
        "(invisible), which make it show in another order than it was written; removed, check "
        "the text",
    },
    "value.controls_removed": {
        "id": "memuat {count:p:karakter kendali} (tak terlihat, biasanya ikut tersalin dari "
        "program lain) yang tidak dapat dimuat dokumen; karakter itu dihapus, periksa teksnya",
        "en": "held {count:p:control character/control characters} (invisible, often pasted "
        "from another program), which no document can hold; removed, check the text",
    },
    "number.kind.count": {"id": "jumlah (orang, pengaduan)", "en": "a count (people, complaints)"},
    "number.kind.money": {"id": "biaya dalam rupiah", "en": "an amount in rupiah"},
    "number.kind.hours": {"id": "waktu dalam jam", "en": "a time in hours"},
    "number.kind.score": {"id": "nilai 0 sampai 100", "en": "a score from 0 to 100"},
    # dates (kipp.core.dates)
    "date.not_a_date": {
        "id": "{value} bukan tanggal; " + _SEPERTI_TANGGAL,
        "en": "{value} is not a date; " + _AS_DATE,
    },
    "date.no_month_name": {
        "id": "'{value}': '{month}' bukan nama bulan; " + _SEPERTI_TANGGAL,
        "en": "'{value}': '{month}' is not a month name; " + _AS_DATE,
    },
    "date.too_early": {
        "id": "'{value}': tahun {year:d} terlalu awal, tahun paling awal {earliest:d}; tulis "
        "tahunnya dengan empat angka, mis. 2019-07-01",
        "en": "'{value}': the year {year:d} is too early, the earliest is {earliest:d}; write "
        "the year with four digits, e.g. 2019-07-01",
    },
    "date.no_time": {
        "id": "'{value}': {time} bukan jam yang ada; hapus jamnya dan tulis tanggalnya saja, "
        "mis. 2019-07-01",
        "en": "'{value}': {time} is not a real time of day; leave the time out and write the "
        "date alone, e.g. 2019-07-01",
    },
    "date.no_month": {
        "id": "'{value}' bukan tanggal yang ada: tidak ada bulan {month:d}; " + _SEPERTI_TANGGAL,
        "en": "'{value}' is not a real date: there is no month {month:d}; " + _AS_DATE,
    },
    "date.no_day": {
        "id": "'{value}' bukan tanggal yang ada: {month} {year:d} hanya {days:d} hari",
        "en": "'{value}' is not a real date: {month} {year:d} has {days:d} days",
    },
    # month names, in the sentences about dates
    "date.month.1": {"id": "Januari", "en": "January"},
    "date.month.2": {"id": "Februari", "en": "February"},
    "date.month.3": {"id": "Maret", "en": "March"},
    "date.month.4": {"id": "April", "en": "April"},
    "date.month.5": {"id": "Mei", "en": "May"},
    "date.month.6": {"id": "Juni", "en": "June"},
    "date.month.7": {"id": "Juli", "en": "July"},
    "date.month.8": {"id": "Agustus", "en": "August"},
    "date.month.9": {"id": "September", "en": "September"},
    "date.month.10": {"id": "Oktober", "en": "October"},
    "date.month.11": {"id": "November", "en": "November"},
    "date.month.12": {"id": "Desember", "en": "December"},
    # the proposal's own rules (kipp.core.models)
    "proposal.email": {
        "id": "'{value}' bukan alamat surel; tulis seperti nama@domain",
        "en": "'{value}' is not an e-mail address; write it as name@domain",
    },
    "proposal.id": {
        "id": "'{value}' bukan kode yang sah: gunakan huruf kecil, angka dan tanda hubung, "
        "mis. '{example}'",
        "en": "'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
        "e.g. '{example}'",
    },
    "proposal.names_in_one": {
        "id": "'{value}' berisi lebih dari satu nama; tulis setiap inovator tersendiri (di "
        "ekspor formulir: kolom `inovator` berisi 'Nama (peran); Nama (peran)', atau kolom "
        "bernomor inovator.1.nama, inovator.2.nama)",
        "en": "'{value}' names more than one person; give each innovator on their own (in a "
        "form export: an `inovator` column holding 'Name (role); Name (role)', or numbered "
        "columns inovator.1.nama, inovator.2.nama)",
    },
    "proposal.title_length": {
        "id": "{length:p:karakter}; judul harus {min:d} sampai {max:d} karakter",
        "en": "{length:p:character/characters}; a title needs {min:d} to {max:d}",
    },
    "proposal.choice": {
        "id": "'{value}' bukan {field} dalam kompetisi ini; pilih salah satu: {choices}",
        "en": "'{value}' is not a {field} of this call; use one of: {choices}",
    },
    "proposal.choice.group": {"id": "kelompok", "en": "group"},
    "proposal.choice.category": {"id": "kategori", "en": "category"},
    "proposal.sdg_twice": {
        "id": "TPB {number:d} ditulis dua kali; tulis sekali saja",
        "en": "SDG {number:d} is listed twice; list each once",
    },
    "proposal.sdg_none": {
        "id": "TPB belum diisi; tulis minimal satu nomor dari 1 sampai 17",
        "en": "no SDG given; list at least one number from 1 to 17",
    },
    "proposal.sdg": {
        "id": "{value} bukan nomor TPB; gunakan 1 sampai 17",
        "en": "{value} is not an SDG number; use 1 to 17",
    },
    "proposal.stage": {
        "id": "'{value}' bukan tahapan; pilih salah satu: {stages}",
        "en": "'{value}' is not a stage; use one of: {stages}",
    },
    # keys (kipp.core.keys)
    "key.unknown.close": {
        "id": "isian '{key}' tidak dikenal; mungkin maksudnya '{close}'?",
        "en": "unknown field '{key}'; did you mean '{close}'?",
    },
    "key.unknown.known": {
        "id": "isian '{key}' tidak dikenal; isian yang dikenal di sini: {known}",
        "en": "unknown field '{key}'; known fields here: {known}",
    },
    "key.twice": {
        "id": "ditulis dua kali, sebagai '{first}' dan sebagai '{second}'; pertahankan satu",
        "en": "given twice, as '{first}' and as '{second}'; keep one",
    },
    # YAML (kipp.core.yaml_source) and JSON (kipp.intake.json_loader): what is wrong, located
    # where it was made, and the fix, never the parser's own words
    "yaml.invalid": {
        "id": "bukan YAML yang sah; periksa indentasi dan tanda baca di baris ini dan di atasnya, dan apit dengan tanda kutip isian yang diawali tanda baca",
        "en": "not valid YAML; check the indentation and punctuation of this line and the lines above it, and put in quotes any value that starts with a punctuation mark",
    },
    "yaml.indentation": {
        "id": "bukan YAML yang sah: indentasi baris ini tidak cocok dengan baris-baris di atasnya; awali isian yang setingkat dengan jumlah spasi yang sama, dan jangan mencampur butir daftar (- ...) dengan kunci (kunci: nilai) pada tingkat yang sama",
        "en": "not valid YAML: this line's indentation does not match the lines above it; start the entries of one level with the same number of spaces, and do not mix list items (- ...) with keys (key: value) at one level",
    },
    "yaml.no_key": {
        "id": "bukan YAML yang sah: baris ini diawali titik dua tanpa kunci di depannya; tulis kuncinya (judul: ...)",
        "en": "not valid YAML: this line starts with a colon and no key before it; write the key (title: ...)",
    },
    "yaml.after_quote": {
        "id": "bukan YAML yang sah: isian yang diawali tanda kutip harus berakhir di tanda kutip penutupnya, tetapi di sini teks berlanjut setelahnya; apit seluruh isian dengan tanda kutip jenis lain (judul: '\"Sehat\" Mojokerto'), atau hapus tanda kutipnya",
        "en": "not valid YAML: a value that starts with a quote must end at its closing quote, but here text follows it; put the whole value in the other kind of quotes (title: '\"Sehat\" Mojokerto'), or remove the quotes",
    },
    "yaml.quote_spans": {
        "id": "bukan YAML yang sah: tanda kutip yang dibuka di sini tidak ditutup di akhir isiannya, sehingga isian ini berlanjut sampai tanda kutip di baris {end:d}; tutup tanda kutip di akhir isian ini",
        "en": "not valid YAML: the quote opened here is not closed at the end of its value, so the value runs on to the quote at line {end:d}; close the quote at the end of this value",
    },
    "yaml.after_bracket": {
        "id": 'bukan YAML yang sah: isian yang diawali {opening} dibaca YAML sebagai daftar atau kumpulan isian yang berakhir di {closing}, tetapi di sini teks berlanjut setelahnya; bila {opening} bagian dari teks, apit seluruh isian dengan tanda kutip (judul: "[Draf] Layanan Sehat")',
        "en": 'not valid YAML: a value that starts with {opening} is read by YAML as a list or mapping that ends at {closing}, but here text follows it; if the {opening} is part of the text, put the whole value in quotes (title: "[Draft] Layanan Sehat")',
    },
    "yaml.ends_open": {
        "id": "bukan YAML yang sah: berkas berakhir sebelum {opening} yang dibuka di baris {line:d} ditutup dengan {closing}; tutup dengan {closing} dan pisahkan isinya dengan koma",
        "en": "not valid YAML: the file ends before the {opening} opened at line {line:d} is closed with {closing}; close it with {closing} and separate what it holds with commas",
    },
    "yaml.reserved_start": {
        "id": "bukan YAML yang sah: YAML tidak membolehkan '{char}' di awal isian atau kunci; apit seluruh teksnya dengan tanda kutip (\"{char}...\")",
        "en": "not valid YAML: YAML does not allow '{char}' at the start of a value or key; put the whole text in quotes (\"{char}...\")",
    },
    "yaml.alias_start": {
        "id": 'bukan YAML yang sah: isian yang diawali {char} dibaca YAML sebagai rujukan (*nama) atau jangkar (&nama); bila {char} bagian dari teks, apit seluruh isian dengan tanda kutip ("{char} ...")',
        "en": 'not valid YAML: a value that starts with {char} is read by YAML as an alias (*name) or an anchor (&name); if the {char} is part of the text, put the whole value in quotes ("{char} ...")',
    },
    "yaml.undefined_alias": {
        "id": "bukan YAML yang sah: rujukan {alias} tidak menunjuk jangkar (&nama) mana pun di atasnya; tulis nilainya langsung, atau bila * bagian dari teks, apit seluruh isian dengan tanda kutip",
        "en": "not valid YAML: the alias {alias} refers to no anchor (&name) above it; write the value out, or if the * is part of the text, put the whole value in quotes",
    },
    "yaml.anchor_twice": {
        "id": "bukan YAML yang sah: jangkar (&nama) ini sudah dipakai di baris {line:d}; beri jangkar ini nama lain",
        "en": "not valid YAML: this anchor (&name) is already used at line {line:d}; give this one another name",
    },
    "yaml.escape": {
        "id": "bukan YAML yang sah: garis miring terbalik (\\) di dalam tanda kutip ganda memulai kode khusus yang tidak dikenal; tulis \\\\ untuk satu garis miring terbalik, atau apit isian dengan tanda kutip tunggal ('C:\\Data')",
        "en": "not valid YAML: a backslash (\\) inside double quotes starts an escape YAML does not know; write \\\\ for one backslash, or put the value in single quotes ('C:\\Data')",
    },
    "yaml.block_scalar": {
        "id": 'bukan YAML yang sah: isian yang diawali {char} dibaca YAML sebagai teks beberapa baris, yang harus dimulai di baris berikutnya; bila {char} bagian dari teks, apit seluruh isian dengan tanda kutip ("{char} 5 tahun")',
        "en": 'not valid YAML: a value that starts with {char} is read by YAML as text over several lines, which must start on the next line; if the {char} is part of the text, put the whole value in quotes ("{char} 5 years")',
    },
    "yaml.dash_in_value": {
        "id": 'bukan YAML yang sah: tanda - yang diikuti spasi memulai butir daftar, yang tidak boleh berada di sini; tulis setiap butir di baris tersendiri, menjorok di bawah kuncinya, atau bila - bagian dari teks, apit seluruh isian dengan tanda kutip ("- ...")',
        "en": 'not valid YAML: a - followed by a space starts a list item, which cannot stand here; write each item on a line of its own, indented under its key, or if the - is part of the text, put the whole value in quotes ("- ...")',
    },
    "yaml.question_mark": {
        "id": 'bukan YAML yang sah: tanda ? yang diikuti spasi dibaca YAML sebagai penanda kunci, yang tidak boleh berada di sini; bila ? bagian dari teks, apit seluruh isian dengan tanda kutip ("? ...")',
        "en": 'not valid YAML: a ? followed by a space is read by YAML as a key marker, which cannot stand here; if the ? is part of the text, put the whole value in quotes ("? ...")',
    },
    "yaml.no_colon": {
        "id": "bukan YAML yang sah: baris ini tidak memuat titik dua (:) setelah kuncinya; tulis kunci: nilai, atau bila baris ini lanjutan teks di atasnya, jorokkan lebih dalam dari kuncinya",
        "en": "not valid YAML: this line has no colon (:) after its key; write key: value, or if the line continues the text above it, indent it further than its key",
    },
    "yaml.no_value": {
        "id": "bukan YAML yang sah: nilai diharapkan di sini, bukan '{char}'; hapus '{char}' yang berlebih, atau bila itu bagian dari teks, apit seluruh isian dengan tanda kutip",
        "en": "not valid YAML: a value is expected here, not '{char}'; remove the extra '{char}', or if it is part of the text, put the whole value in quotes",
    },
    "yaml.tag_syntax": {
        "id": 'bukan YAML yang sah: tanda ! di awal isian dibaca YAML sebagai tanda jenis nilai (tag), yang tidak dibaca kipp; hapus tanda itu, atau bila ! bagian dari teks, apit seluruh isian dengan tanda kutip ("!Penting")',
        "en": 'not valid YAML: a ! at the start of a value is read by YAML as a tag, which kipp does not read; remove it, or if the ! is part of the text, put the whole value in quotes ("!Important")',
    },
    "yaml.directive": {
        "id": 'bukan YAML yang sah: baris yang diawali % dibaca YAML sebagai petunjuk khusus (%YAML atau %TAG); bila % bagian dari teks, apit teks itu dengan tanda kutip ("%capaian": 80), bila tidak, hapus baris itu',
        "en": 'not valid YAML: a line that starts with % is read by YAML as a directive (%YAML or %TAG); if the % is part of the text, put that text in quotes ("%target": 80), if not, remove the line',
    },
    "yaml.document_start": {
        "id": "bukan YAML yang sah: teks setelah garis ... (tanda akhir dokumen) atau setelah petunjuk %; satu berkas memuat satu proposal: hapus garis ... itu, atau pindahkan teks ini ke berkas lain",
        "en": "not valid YAML: text after a ... line (the end-of-document mark) or after a % directive; a file holds one proposal: remove the ... line, or move this text to a file of its own",
    },
    "yaml.control_character": {
        "id": "bukan YAML yang sah: karakter kendali tak terlihat ({code}) di baris ini, biasanya terbawa saat menyalin dari dokumen lain; hapus karakter itu",
        "en": "not valid YAML: an invisible control character ({code}) on this line, usually carried over when copying from another document; delete it",
    },
    "yaml.merge": {
        "id": "bukan YAML yang sah: << menggabungkan isian dari kumpulan isian lain (<<: *nama), jadi nilainya harus kumpulan isian atau daftar kumpulan isian; tulis isiannya langsung",
        "en": "not valid YAML: << merges the entries of another mapping (<<: *name), so its value must be a mapping or a list of mappings; write the entries out instead",
    },
    "yaml.colon_in_value": {
        "id": 'bukan YAML yang sah: titik dua dan spasi di dalam sebuah isian; bila isian itu memang memuat titik dua, apit dengan tanda kutip (judul: "MAGIS: Mojokerto ..."), bila tidak, periksa indentasi baris ini',
        "en": 'not valid YAML: a colon and a space inside a value; if the value does hold a colon, put it in quotes (title: "MAGIS: Mojokerto ..."), if not, check this line\'s indentation',
    },
    "yaml.tab": {
        "id": "bukan YAML yang sah: karakter tab; gunakan spasi untuk menjorokkan baris",
        "en": "not valid YAML: a tab character; indent lines with spaces",
    },
    "yaml.open_sequence": {
        "id": "bukan YAML yang sah: daftar yang dibuka dengan [ di sini tidak ditutup dengan ] atau isinya tidak dipisahkan koma; tulis misalnya [3, 10]",
        "en": "not valid YAML: the list opened with [ here is not closed with ], or its items are not separated by commas; write for example [3, 10]",
    },
    "yaml.open_mapping": {
        "id": "bukan YAML yang sah: isian yang dibuka dengan {{ di sini tidak ditutup dengan }} atau isinya tidak dipisahkan koma",
        "en": "not valid YAML: the entry opened with {{ here is not closed with }}, or its parts are not separated by commas",
    },
    "yaml.two_documents": {
        "id": "bukan YAML yang sah: dokumen kedua dimulai di sini (garis ---); satu berkas memuat satu proposal: hapus garis ini, atau pindahkan proposal kedua ke berkas lain",
        "en": "not valid YAML: a second document starts here (a --- line); a file holds one proposal: remove this line, or move the second proposal to a file of its own",
    },
    "yaml.open_quote": {
        "id": "bukan YAML yang sah: tanda kutip yang dibuka di sini tidak pernah ditutup; tutup dengan tanda kutip yang sama",
        "en": "not valid YAML: the quote opened here is never closed; close it with the same quote mark",
    },
    "yaml.too_deep": {
        "id": "bersarang lebih dari {levels:d} tingkat, terlalu dalam untuk sebuah proposal",
        "en": "nested more than {levels:d} levels deep, too deep to be a proposal",
    },
    "yaml.too_many_values": {
        "id": "lebih dari {count} nilai, setiap alias (*nama) dihitung setelah diuraikan; sebuah "
        "proposal memuat jauh lebih sedikit: tulis nilainya langsung, jangan merujuk jangkar",
        "en": "more than {count} values, counting each alias (*name) expanded; a proposal "
        "holds far fewer: write the values out instead of referencing anchors",
    },
    "yaml.alias_loop": {
        "id": "sebuah alias (*nama) merujuk ke nilai tempatnya berada, putaran yang tidak pernah "
        "selesai; tulis nilainya langsung",
        "en": "an alias (*name) refers to the value it stands in, a loop that never ends; "
        "write the values out instead",
    },
    "yaml.key_twice": {
        "id": "kunci '{key}' muncul dua kali; pertahankan satu",
        "en": "key '{key}' appears twice; keep one",
    },
    "yaml.tag": {
        "id": "bukan YAML yang sah: tanda `{tag}` tidak dibaca kipp; hapus tanda itu dan tulis "
        "nilainya saja",
        "en": "not valid YAML: kipp does not read the tag `{tag}`; remove the tag and write the "
        "value alone",
    },
    "yaml.key_not_plain": {
        "id": "kunci harus berupa kata biasa, bukan daftar atau kumpulan isian",
        "en": "a key must be a plain word, not a list or mapping",
    },
    "json.invalid": {
        "id": "bukan JSON yang sah; periksa tanda kutip ganda, koma, titik dua, serta kurung {{ }} dan [ ] di baris ini dan di atasnya",
        "en": "not valid JSON; check the double quotes, commas, colons and brackets {{ }} and [ ] of this line and the lines above it",
    },
    "json.no_value": {
        "id": 'bukan JSON yang sah: nilai di sini kosong atau tidak dikenali; tulis teks dalam tanda kutip ganda ("..."), angka tanpa tanda kutip, atau true, false, null (huruf kecil)',
        "en": 'not valid JSON: the value here is missing or not one JSON knows; write text in double quotes ("..."), numbers without quotes, or true, false, null (lower case)',
    },
    "json.key_quotes": {
        "id": 'bukan JSON yang sah: nama isian di sini tidak diapit tanda kutip ganda; tulis misalnya "judul": "...", dan jangan menulis komentar di berkas JSON',
        "en": 'not valid JSON: the field name here is not in double quotes; write for example "title": "...", and write no comments in a JSON file',
    },
    "json.single_quotes": {
        "id": 'bukan JSON yang sah: teks diapit tanda kutip tunggal; JSON hanya menerima tanda kutip ganda ("judul": "Layanan")',
        "en": 'not valid JSON: text in single quotes; JSON accepts double quotes only ("title": "Layanan")',
    },
    "json.trailing_comma": {
        "id": "bukan JSON yang sah: koma sebelum }} atau ] penutup; hapus koma setelah isian atau butir terakhir",
        "en": "not valid JSON: a comma before the closing }} or ]; remove the comma after the last entry or item",
    },
    "json.colon": {
        "id": 'bukan JSON yang sah: titik dua (:) tidak ada setelah nama isian ini; tulis "nama": nilai',
        "en": 'not valid JSON: no colon (:) after this field name; write "name": value',
    },
    "json.comma": {
        "id": "bukan JSON yang sah: koma tidak ada setelah isian atau butir ini; pisahkan setiap dua isian atau butir dengan koma",
        "en": "not valid JSON: no comma after this entry or item; separate every two entries or items with a comma",
    },
    "json.unfinished": {
        "id": "bukan JSON yang sah: berkas berakhir sebelum JSON-nya selesai; lengkapi isian terakhir, dan tutup setiap {{ dengan }} dan setiap [ dengan ]",
        "en": "not valid JSON: the file ends before the JSON does; complete the last entry, and close every {{ with }} and every [ with ]",
    },
    "json.extra_data": {
        "id": "bukan JSON yang sah: ada teks setelah akhir proposal (}} penutupnya); satu berkas memuat satu proposal: hapus teks itu atau }} yang berlebih, atau pindahkan proposal kedua ke berkas lain",
        "en": "not valid JSON: text after the end of the proposal (its closing }}); a file holds one proposal: remove that text or the extra }}, or move the second proposal to a file of its own",
    },
    "json.open_quote": {
        "id": "bukan JSON yang sah: tanda kutip ganda yang dibuka di sini tidak pernah ditutup; tutup teksnya dengan tanda kutip ganda",
        "en": "not valid JSON: the double quote opened here is never closed; close the text with a double quote",
    },
    "json.line_break_in_text": {
        "id": "bukan JSON yang sah: teks bertanda kutip berlanjut melewati akhir baris ini; tutup tanda kutip di akhir baris, atau tulis baris baru di dalam teks sebagai \\n",
        "en": "not valid JSON: quoted text runs on past the end of this line; close the quote at the end of the line, or write a line break inside the text as \\n",
    },
    "json.control_in_string": {
        "id": "bukan JSON yang sah: tab atau karakter kendali lain di dalam teks bertanda kutip; tulis tab sebagai \\t, dan hapus karakter kendali lainnya",
        "en": "not valid JSON: a tab or another control character inside quoted text; write a tab as \\t, and delete other control characters",
    },
    "json.escape": {
        "id": 'bukan JSON yang sah: garis miring terbalik (\\) di dalam teks memulai kode khusus yang tidak dikenal; tulis \\\\ untuk satu garis miring terbalik ("C:\\\\Data")',
        "en": 'not valid JSON: a backslash (\\) inside text starts an escape JSON does not know; write \\\\ for one backslash ("C:\\\\Data")',
    },
    "json.number_too_long": {
        "id": "bukan JSON yang sah: angka sepanjang {digits:d} digit, lebih dari {limit:d} digit yang dapat dibaca; periksa angka di baris ini",
        "en": "not valid JSON: a number {digits:d} digits long, more than the {limit:d} digits that can be read; check the number on this line",
    },
    # reading a file (kipp.intake.reading, kipp.intake.proposals, kipp.intake.records)
    "file.symlink": {
        "id": "berupa tautan simbolik, yang tidak diikuti kipp; salin berkas yang ditunjuknya ke "
        "folder ini",
        "en": "is a symbolic link, which kipp does not follow; copy what it points to into the "
        "folder",
    },
    "file.cannot_read": {"id": "tidak dapat dibaca: {reason}", "en": "cannot be read: {reason}"},
    "file.not_regular": {"id": "bukan berkas biasa", "en": "is not a regular file"},
    "file.unsupported": {
        "id": "jenis berkas {type} tidak didukung; {hint}",
        "en": "unsupported file type {type}; {hint}",
    },
    "file.no_extension": {"id": "(tanpa ekstensi)", "en": "(no extension)"},
    "file.hint.xlsx": {"id": "simpan sebagai .xlsx", "en": "save it as .xlsx"},
    "file.hint.copy": {
        "id": "salin isinya ke proposal .md atau .yaml",
        "en": "copy its content into a .md or .yaml proposal",
    },
    "file.hint.attachment": {
        "id": "lampiran dicantumkan di `lampiran`, bukan diletakkan di folder kumpulan",
        "en": "attachments belong under `lampiran`, not in the batch folder",
    },
    "file.hint.txt": {
        "id": "ganti namanya menjadi .md dengan bagian depan (front matter), atau .yaml",
        "en": "rename it .md with front matter, or .yaml",
    },
    "file.hint.markdown": {"id": "ganti namanya menjadi .md", "en": "rename it .md"},
    "file.hint.supported": {"id": "kipp membaca {types}", "en": "kipp reads {types}"},
    "file.internal": {
        "id": "kesalahan internal saat membaca ({error}); mohon laporkan",
        "en": "internal error while reading ({error}); please report it",
    },
    "file.too_big": {
        "id": "berkas berukuran {size}, melebihi batas {cap} untuk jenis berkas ini; pecah "
        "berkasnya, atau naikkan batasnya dengan {option}",
        "en": "file is {size}, over the {cap} limit for this kind of file; split it, or raise "
        "the limit with {option}",
    },
    "file.bom": {
        "id": "diawali penanda urutan byte (BOM) {encoding} tetapi bukan {encoding} yang sah "
        "(byte {byte:d}); simpan ulang sebagai UTF-8",
        "en": "starts with a {encoding} byte-order mark but is not valid {encoding} "
        "(byte {byte:d}); save it again as UTF-8",
    },
    "file.binary": {
        "id": "isi biner, bukan teks; simpan ulang proposal sebagai berkas teks (UTF-8)",
        "en": "binary content, not text; save the proposal again as a text file (UTF-8)",
    },
    "file.not_utf8_nor_cp1252": {
        "id": "bukan teks UTF-8 (byte {byte} tidak sah di posisi {offset:d}) dan juga bukan "
        "Windows-1252; simpan sebagai UTF-8",
        "en": "not UTF-8 text (invalid byte {byte} at offset {offset:d}) and not Windows-1252 "
        "either; save it as UTF-8",
    },
    "file.read_as_cp1252": {
        "id": "bukan UTF-8 (byte {byte} tidak sah di posisi {offset:d}); dibaca sebagai "
        "Windows-1252: periksa huruf beraksen, dan simpan berkas sebagai UTF-8",
        "en": "not UTF-8 (invalid byte {byte} at offset {offset:d}); read as Windows-1252: "
        "check accented letters, and save the file as UTF-8",
    },
    "file.not_utf8": {
        "id": "bukan teks UTF-8; simpan sebagai UTF-8",
        "en": "not UTF-8 text; save it as UTF-8",
    },
    "file.empty": {
        "id": "kosong; tulis satu proposal (lihat `kipp schema`)",
        "en": "is empty; write one proposal (see `kipp schema`)",
    },
    "file.not_one": {
        "id": "berisi {kind}, bukan satu proposal; tulis isian sebagai kumpulan (kunci: nilai), "
        "satu proposal per berkas, atau gunakan .csv/.xlsx untuk banyak proposal",
        "en": "holds {kind}, not one proposal; write the fields as a mapping (key: value), one "
        "proposal per file, or use .csv/.xlsx for many",
    },
    "file.kind.list": {"id": "sebuah daftar", "en": "a list"},
    "file.kind.value": {"id": "satu nilai ({type})", "en": "a single value ({type})"},
    # the batch folder (kipp.intake.proposals)
    "batch.missing": {
        "id": "folder kumpulan proposal {folder} tidak ada",
        "en": "batch folder {folder} does not exist",
    },
    "batch.missing.hint": {"id": "periksa jalurnya", "en": "check the path"},
    "batch.not_folder": {"id": "{folder} bukan folder", "en": "{folder} is not a folder"},
    "batch.not_folder.hint": {
        "id": "sebutkan folder yang berisi proposal",
        "en": "give the folder that holds the proposals",
    },
    "batch.id_repeat": {
        "id": "kode '{id}' juga dipakai oleh {others}; beri setiap proposal kode sendiri",
        "en": "id '{id}' is also used by {others}; give each proposal its own id",
    },
    "batch.title_repeat": {
        "id": "judul sama dengan {others}; setiap proposal perlu judul sendiri "
        "(satu inovasi hanya diusulkan sekali)",
        "en": "same title as {others}; each proposal needs its own title "
        "(the same innovation is proposed once)",
    },
    # Markdown proposals (kipp.intake.markdown_loader)
    "md.no_front_matter": {
        "id": "tidak ada bagian depan (front matter): awali berkas dengan baris '---', lalu "
        "isian (judul: ...), lalu baris '---' lagi",
        "en": "no front matter: start the file with a '---' line, the fields (judul: ...), and "
        "another '---' line",
    },
    "md.unclosed": {
        "id": "bagian depan (front matter) belum ditutup: tambahkan baris '---' setelah isian",
        "en": "front matter is not closed: add a '---' line after the fields",
    },
    "md.sections_twice": {
        "id": "uraian ditulis di bagian depan (front matter) dan juga sebagai blok '## Judul "
        "bagian'; pertahankan yang berjudul bagian",
        "en": "sections are given both in the front matter and as '## Heading' blocks; keep "
        "the headings",
    },
    "md.heading": {
        "id": "judul bagian '{heading}' bukan bagian formulir; gunakan salah satu: {accepted}",
        "en": "heading '{heading}' is not a section of the form; use one of: {accepted}",
    },
    "md.section_twice": {
        "id": "bagian '{section}' ditulis dua kali (pertama di baris {line:d}); gabungkan keduanya",
        "en": "section '{section}' given twice (first at line {line:d}); merge them",
    },
    "md.stray": {
        "id": "teks sebelum '## Judul bagian' yang pertama tidak dibaca; pindahkan ke bawah "
        "judul bagian",
        "en": "text before the first '## Heading' is not read; move it under a section heading",
    },
    # spreadsheets of proposals (kipp.intake.table, csv_loader, xlsx_loader)
    "table.unknown_column": {
        "id": "kolom ini bukan isian proposal, jadi tidak dibaca",
        "en": "column is not a proposal field, so it is not read",
    },
    "table.unknown_column.numbered": {
        "id": "kolom ini bukan isian proposal, jadi tidak dibaca; beri nomor pada setiap butir, "
        "mis. '{example}'",
        "en": "column is not a proposal field, so it is not read; number each one, "
        "e.g. '{example}'",
    },
    "table.unknown_column.close": {
        "id": "kolom ini bukan isian proposal, jadi tidak dibaca; mungkin maksudnya '{close}'?",
        "en": "column is not a proposal field, so it is not read; did you mean '{close}'?",
    },
    "table.same_field": {
        "id": "isian yang sama dengan kolom {column}; pertahankan salah satu kolom",
        "en": "same field as column {column}; keep one of the two columns",
    },
    "table.too_many_rows": {
        "id": "lebih dari {count} baris di bawah baris judul kolom (baris kosong ikut "
        "dihitung); pecah ekspornya menjadi beberapa berkas yang lebih kecil",
        "en": "more than {count} rows below the header (blank rows count too); split the "
        "export into smaller files",
    },
    "table.header_names_nothing": {
        "id": "baris judul kolom (baris {row:d}) tidak menyebut satu pun isian proposal; tulis "
        "judul kolom seperti judul, instansi, kategori di baris pertama",
        "en": "the header row (row {row:d}) names no proposal field; put headers such as judul, "
        "instansi, kategori in the first row",
    },
    "table.no_rows": {
        "id": "tidak berisi baris; tulis judul kolom di baris pertama dan satu proposal per "
        "baris di bawahnya",
        "en": "holds no rows; put the column headers in the first row and one proposal per "
        "row below",
    },
    "table.header_only": {
        "id": "memiliki baris judul kolom (baris {row:d}) tetapi tidak ada baris proposal di "
        "bawahnya",
        "en": "has a header row (row {row:d}) but no proposal rows below it",
    },
    "csv.unreadable_line": {
        "id": "tidak terbaca sebagai CSV (baris {line:d}): {detail}; ekspor ulang",
        "en": "not readable as CSV (line {line:d}): {detail}; export it again",
    },
    "csv.unreadable": {
        "id": "tidak terbaca sebagai CSV: {detail}; ekspor ulang",
        "en": "not readable as CSV: {detail}; export it again",
    },
    "xlsx.not_zip": {
        "id": "bukan buku kerja .xlsx yang sah (bukan arsip zip); ekspor ulang dari program "
        "lembar kerja sebagai .xlsx",
        "en": "not a valid .xlsx workbook (not a zip archive); export it again from the "
        "spreadsheet program as .xlsx",
    },
    "xlsx.unpacks": {
        "id": "buku kerja berukuran {size} setelah diekstrak, melebihi batas {cap}; pecah "
        "ekspornya",
        "en": "workbook unpacks to {size}, over the {cap} limit; split the export",
    },
    "xlsx.unreadable": {
        "id": "buku kerja .xlsx tidak terbaca ({detail}); ekspor ulang dari program lembar kerja",
        "en": "not a readable .xlsx workbook ({detail}); export it again from the spreadsheet "
        "program",
    },
    "xlsx.unreadable.save": {
        "id": "buku kerja .xlsx tidak terbaca ({detail}); simpan ulang sebagai .xlsx",
        "en": "not a readable .xlsx workbook ({detail}); save it again as .xlsx",
    },
    "xlsx.no_sheets": {"id": "buku kerja tidak memiliki lembar", "en": "workbook has no sheets"},
    "xlsx.sheet_unreadable": {
        "id": "lembar '{sheet}' tidak dapat dibaca ({detail}); ekspor ulang",
        "en": "sheet '{sheet}' could not be read ({detail}); export it again",
    },
    "xlsx.formulas_unsaved": {
        "id": "lembar '{sheet}' memuat rumus yang nilainya belum pernah disimpan (sel {cells}): "
        "kipp membaca nilai yang disimpan program lembar kerja, bukan rumus; buka berkas itu di "
        "Excel atau LibreOffice lalu simpan ulang, atau ketik nilainya",
        "en": "sheet '{sheet}' holds formulas whose values were never saved (cells {cells}): "
        "kipp reads the values a spreadsheet program saves, not formulas; open the file in Excel "
        "or LibreOffice and save it again, or type the values in",
    },
    "xlsx.formulas_unsaved_more": {
        "id": "lembar '{sheet}' memuat rumus yang nilainya belum pernah disimpan (sel {cells}, "
        "dan {more} lagi): kipp membaca nilai yang disimpan program lembar kerja, bukan rumus; "
        "buka berkas itu di Excel atau LibreOffice lalu simpan ulang, atau ketik nilainya",
        "en": "sheet '{sheet}' holds formulas whose values were never saved (cells {cells}, and "
        "{more} more): kipp reads the values a spreadsheet program saves, not formulas; open "
        "the file in Excel or LibreOffice and save it again, or type the values in",
    },
    "xlsx.other_sheets": {
        "id": "hanya lembar pertama ('{sheet}') yang dibaca; lembar yang tidak dibaca: {others}",
        "en": "only the first sheet ('{sheet}') is read; sheets not read: {others}",
    },
    # settings files: the panel, the registry, the rubric
    "settings.unknown_here": {
        "id": "pengaturan tidak dikenal; pengaturan yang dikenal di sini: {known}",
        "en": "unknown setting; known settings here: {known}",
    },
    "settings.unknown": {
        "id": "pengaturan tidak dikenal; pengaturan yang dikenal: {known}",
        "en": "unknown setting; known settings: {known}",
    },
    # the review panel (kipp.intake.panel)
    "panel.invalid": {
        "id": "daftar juri {path} tidak sah:\n{problems:j:\n}",
        "en": "panel {path} is not valid:\n{problems:j:\n}",
    },
    "panel.invalid.hint": {
        "id": "perbaiki baris yang disebut di atas; lihat submissions/mojokerto-2022/"
        "reviewers.yaml",
        "en": "fix the lines named above; see submissions/mojokerto-2022/reviewers.yaml",
    },
    "panel.not_mapping": {
        "id": "daftar juri berupa kumpulan isian dengan `reviewers:`, daftar berisi id, name, "
        "agency, conflicts",
        "en": "a panel is a mapping with `reviewers:`, a list of id, name, agency, conflicts",
    },
    "panel.reviewer_id": {
        "id": "'{value}' bukan kode juri yang sah: gunakan huruf kecil, angka dan tanda hubung, "
        "mis. 'ani-rahmawati'",
        "en": "'{value}' is not a valid reviewer id: use lowercase letters, digits and "
        "hyphens, e.g. 'ani-rahmawati'",
    },
    "panel.id_twice": {
        "id": "kode juri {ids} dipakai dua kali; beri setiap juri kode sendiri",
        "en": "reviewer id {ids} used twice; give each reviewer their own id",
    },
    # assignments.csv and the scoresheets as files (kipp.intake.review_sheets)
    "assignments.too_many_rows": {
        "id": "lebih dari {count} baris di bawah baris judul kolom (baris kosong ikut "
        "dihitung), jauh melebihi jumlah penugasan kumpulan ini; tulis ulang dengan kipp assign",
        "en": "more than {count} rows below the header (blank rows count too), far more than "
        "this batch's assignments; write it again with kipp assign",
    },
    "assignments.packet_twice": {
        "id": "paket '{code}' sudah mewakili '{other}' di baris {row:d}, bukan '{proposal}'; "
        "lembar dengan kode ini dibaca sebagai '{other}', kembalikan assignments.csv yang "
        "ditulis kipp assign",
        "en": "packet '{code}' stands for '{other}' on row {row:d} already, not for "
        "'{proposal}'; sheets with this code are read as '{other}', put back the "
        "assignments.csv that kipp assign wrote",
    },
    "assignments.pair_twice": {
        "id": "'{reviewer}' sudah ditugaskan '{proposal}' di baris {row:d}; baris ini tidak "
        "dihitung",
        "en": "'{reviewer}' is assigned '{proposal}' on row {row:d} already; this row is not "
        "counted",
    },
    "assignments.incomplete_row": {
        "id": "perlu kode juri dan kode proposal; tulis sebagai `reviewer,proposal`",
        "en": "needs a reviewer id and a proposal id; write them as `reviewer,proposal`",
    },
    "sheet.too_big": {
        "id": "berkas lebih besar dari {size}; lembar penilaian jauh lebih kecil",
        "en": "file is larger than {size}; a scoresheet is far smaller",
    },
    # the scoresheets' rows (kipp.reviews.ingest)
    "sheet.no_panel": {
        "id": "tidak ada daftar juri di samping proposal, sehingga juri pada lembar penilaian "
        "dan assignments.csv tidak diperiksa terhadap daftar juri, instansinya, maupun konflik "
        "kepentingan yang dinyatakannya; letakkan daftar juri yang dipakai kipp assign di "
        "folder kumpulan sebagai {file}",
        "en": "no review panel beside the proposals, so the reviewers of the scoresheets and "
        "assignments.csv are not checked against the panel, their agencies or their declared "
        "conflicts; put the panel given to kipp assign in the batch folder as {file}",
    },
    "sheet.empty": {
        "id": "lembar kosong; tidak ada nilai yang dibaca",
        "en": "sheet is empty; no scores read",
    },
    "sheet.no_criterion": {
        "id": "tidak ada kolom untuk kriteria ini; beri kolom nilainya judul `{label}` (atau "
        "`{criterion}`), persis seperti di lembar penilaian yang ditulis kipp assign",
        "en": "no column for this criterion; head its scores' column `{label}` (or "
        "`{criterion}`), exactly as in the scoresheet kipp assign wrote",
    },
    "sheet.no_reviewer": {"id": "kosong; tulis kode juri", "en": "empty; write the reviewer's id"},
    "sheet.no_proposal": {
        "id": "kosong; tulis kode proposal",
        "en": "empty; write the proposal's id",
    },
    "sheet.unknown_packet": {
        "id": "'{code}' adalah kode paket anonim yang tidak dipetakan assignments.csv ke "
        "proposal mana pun; kembalikan assignments.csv yang ditulis kipp assign bersama "
        "lembar-lembar ini",
        "en": "'{code}' is a blind packet code that assignments.csv does not map to a "
        "proposal; put back the assignments.csv that kipp assign wrote with these sheets",
    },
    "sheet.not_on_panel": {
        "id": "'{reviewer}' tidak ada dalam daftar juri ({file}); gunakan salah satu: {known}",
        "en": "'{reviewer}' is not on the panel ({file}); use one of: {known}",
    },
    "sheet.not_eligible": {
        "id": "'{proposal}' bukan proposal yang memenuhi syarat dalam kumpulan ini; salin "
        "kodenya dari lembar penilaian yang ditulis kipp assign",
        "en": "'{proposal}' is not an eligible proposal of this batch; copy the id from the "
        "scoresheet kipp assign wrote",
    },
    "sheet.not_scored_now": {
        "id": "'{proposal}' ada dalam kumpulan ini tetapi tidak dinilai dalam proses ini (tidak "
        "valid atau tidak memenuhi syarat); baris ini dibiarkan, nilainya tidak dipakai dalam "
        "proses ini",
        "en": "'{proposal}' is in this batch but not scored in this run (invalid or "
        "ineligible); this row is left as it is, its scores are not used in this run",
    },
    "sheet.conflicted": {
        "id": "'{reviewer}' {reason}; nilai ini tidak dipakai, mintalah juri lain",
        "en": "'{reviewer}' {reason}; these scores are not used, ask another reviewer",
    },
    "sheet.reason.agency": {
        "id": "bekerja di {agency}, instansi pengusul proposal ini",
        "en": "works at {agency}, the proposal's agency",
    },
    "sheet.reason.declared": {
        "id": "menyatakan konflik kepentingan dengan proposal ini",
        "en": "declared a conflict of interest with it",
    },
    "sheet.reason.not_on_panel": {
        "id": "tidak ada dalam daftar juri ({file})",
        "en": "is not on the panel ({file})",
    },
    "sheet.fix.add": {"id": "tambahkan juri itu ke {file}", "en": "add them to {file}"},
    "sheet.fix.agency": {
        "id": "perbaiki instansinya di daftar juri",
        "en": "correct their agency in the panel",
    },
    "sheet.fix.declared": {
        "id": "hapus konflik itu dari daftar juri bila keliru dinyatakan",
        "en": "drop the conflict from the panel if it was declared by mistake",
    },
    "sheet.assigned_unusable": {
        "id": "'{reviewer}' ditugaskan menilai '{proposal}', tetapi {reason}, sehingga nilainya "
        "tidak dapat dipakai dan total '{proposal}' tetap sementara; jalankan kipp assign lagi "
        "dengan daftar juri ini, atau {fix}",
        "en": "'{reviewer}' is assigned '{proposal}' but {reason}, so their scores cannot be "
        "used and the total of '{proposal}' stays provisional; run kipp assign again with the "
        "panel, or {fix}",
    },
    "sheet.not_a_score": {
        "id": "{value} bukan nilai pada skala {scale}; berikan bilangan bulat dari {scale}",
        "en": "{value} is not a score on the scale {scale}; give a whole number from {scale}",
    },
    "sheet.not_a_score.number": {
        "id": "{value:g} bukan nilai pada skala {scale}; berikan bilangan bulat dari {scale}",
        "en": "{value:g} is not a score on the scale {scale}; give a whole number from {scale}",
    },
    "sheet.not_scored": {
        "id": "belum dinilai; berikan bilangan bulat dari {scale}",
        "en": "not scored yet; give a whole number from {scale}",
    },
    "sheet.where": {"id": "{path} baris {row:d}", "en": "{path} row {row:d}"},
    "sheet.already_scored": {
        "id": "'{reviewer}' sudah menilai '{proposal}' di {where}; baris ini tidak dipakai",
        "en": "'{reviewer}' already scored '{proposal}' in {where}; this row is not used",
    },
    "sheet.already_row": {
        "id": "'{reviewer}' sudah punya baris untuk '{proposal}' di {where}; baris ini tidak "
        "dipakai",
        "en": "'{reviewer}' already has a row for '{proposal}' in {where}; this row is not used",
    },
    "sheet.unassigned": {
        "id": "'{proposal}' tidak ditugaskan kepada '{reviewer}' (assignments.csv); nilainya "
        "tetap dipakai, pastikan penugasan itu memang sengaja diubah",
        "en": "'{proposal}' was not assigned to '{reviewer}' (assignments.csv); the scores are "
        "used, check the assignment was changed on purpose",
    },
    # the agency registry (kipp.intake.registry)
    "registry.too_big": {
        "id": "{size:d} byte; daftar instansi paling besar {max:d} byte",
        "en": "{size:d} bytes; a registry may hold at most {max:d}",
    },
    "registry.not_mapping": {
        "id": "daftar instansi berupa kumpulan isian dengan `region:` dan `agencies:`",
        "en": "a registry is a mapping with `region:` and `agencies:`",
    },
    "registry.empty_name": {
        "id": "ada nama yang kosong; hapus atau tulis namanya",
        "en": "an empty name; remove it or write the name",
    },
    "registry.names_both": {
        "id": "'{name}' menamai '{first}' sekaligus '{second}'; satu nama atau alias hanya "
        "boleh milik satu instansi",
        "en": "'{name}' names both '{first}' and '{second}'; a name or alias may belong to one "
        "agency only",
    },
    # the rubric (kipp.rubric)
    "rubric.invalid": {
        "id": "rubrik {path} tidak sah:\n{problems:j:\n}",
        "en": "rubric {path} is not valid:\n{problems:j:\n}",
    },
    "rubric.not_mapping": {
        "id": "rubrik berupa kumpulan isian dengan id, title, call, ...",
        "en": "a rubric is a mapping with id, title, call, ...",
    },
    "rubric.word_caps": {
        "id": "batas kata harus berupa jumlah kata yang positif",
        "en": "word caps must be positive numbers of words",
    },
    "rubric.gate_kind": {
        "id": "jenis syarat '{kind}' tidak dikenal; jenis yang dikenal: {known}",
        "en": "unknown gate kind '{kind}'; known kinds: {known}",
    },
    "rubric.measure": {
        "id": "ukuran '{measure}' tidak dikenal; ukuran yang dikenal: {known}",
        "en": "unknown measure '{measure}'; known measures: {known}",
    },
    "rubric.thresholds_count": {
        "id": "{count:d} ambang diberikan; berikan {needed:d}, yaitu skor tempat level 2 sampai "
        "{levels:d} dimulai",
        "en": "{count:d} thresholds given; give {needed:d}, the scores where levels 2 to "
        "{levels:d} begin",
    },
    "rubric.thresholds_order": {
        "id": "ambang harus naik: {low} diikuti {high}",
        "en": "thresholds must increase: {low} is followed by {high}",
    },
    "rubric.thresholds_range": {
        "id": "ambang adalah skor antara 0 dan 1",
        "en": "thresholds are scores between 0 and 1",
    },
    "rubric.levels_count": {
        "id": "{count:d} uraian level diberikan; uraikan semua {levels:d} level",
        "en": "{count:d} level descriptions given; describe all {levels:d}",
    },
    "rubric.source": {
        "id": "sumber '{source}' tidak dikenal; pilih salah satu: {known}",
        "en": "unknown source '{source}'; use one of: {known}",
    },
    "rubric.reviewers_only": {
        "id": "kriteria '{id}' memakai `measure: reviewers`, jadi hanya juri yang menilainya; "
        "untuk memakai `source: {source}`, sebutkan ukuran otomatis ({measures}) di `measure`",
        "en": "criterion '{id}' has `measure: reviewers`, so reviewers alone score it; to use "
        "`source: {source}`, name an automatic measure ({measures}) in `measure`",
    },
    "rubric.blend_needs_weight": {
        "id": "kriteria '{id}' memadukan ukurannya dengan nilai juri dan memerlukan "
        "`reviewer_weight`: bagian juri, antara 0 dan 1 (mis. 0.5)",
        "en": "criterion '{id}' blends its measure with reviewers and needs `reviewer_weight`: "
        "the reviewers' share, between 0 and 1 (e.g. 0.5)",
    },
    "rubric.weight_without_blend": {
        "id": "kriteria '{id}': `reviewer_weight` hanya berlaku untuk `source: blend`; hapus "
        "atau atur `source: blend`",
        "en": "criterion '{id}': `reviewer_weight` applies only to `source: blend`; remove it "
        "or set `source: blend`",
    },
    "rubric.needs_thresholds": {
        "id": "kriteria '{id}' dinilai oleh ukuran '{measure}' dan memerlukan `thresholds` "
        "untuk mengubah skornya menjadi level",
        "en": "criterion '{id}' is fed by the measure '{measure}' and needs `thresholds` to "
        "turn its score into a level",
    },
    "rubric.scale": {
        "id": "skala {min:d} sampai {max:d} memiliki {points:d} titik; kriteria memiliki "
        "{levels:d} level, jadi berikan {levels:d} titik, mis. 1 sampai 5 atau 0 sampai 4",
        "en": "the scale {min:d} to {max:d} has {points:d} points; criteria have {levels:d} "
        "levels, so give {levels:d} points, e.g. 1 to 5 or 0 to 4",
    },
    "rubric.disagreement": {
        "id": "disagreement {value} melebihi rentang skala ({scale}: {span:d}), sehingga tidak "
        "ada selisih yang dapat mencapainya; berikan angka dari 1 sampai {span:d}",
        "en": "disagreement {value} is more than the scale's span ({scale}: {span:d}), so no "
        "spread could reach it; give a number from 1 to {span:d}",
    },
    "rubric.weights_sum": {
        "id": "jumlah bobot {total} ({weights}); jumlahnya harus 1",
        "en": "weights sum to {total} ({weights}); they must sum to 1",
    },
    "rubric.tie_break": {
        "id": "tie-break '{name}' tidak dikenal; gunakan kode kriteria, started_on atau id "
        "({known})",
        "en": "unknown tie-break '{name}'; use criterion ids, started_on or id ({known})",
    },
    "rubric.section": {
        "id": "bagian {sections} tidak dikenal; bagian yang ada: {known}",
        "en": "unknown section {sections}; sections are: {known}",
    },
    "rubric.id_twice": {
        "id": "kode {what} {ids} dipakai dua kali; kode harus unik",
        "en": "{what} id {ids} used twice; ids must be unique",
    },
    "rubric.what.gate": {"id": "syarat", "en": "gate"},
    "rubric.what.criterion": {"id": "kriteria", "en": "criterion"},
    "rubric.novelty_bands": {
        "id": "review_similarity {review} di atas flag_similarity {flag}; pita tinjauan harus "
        "dimulai pada atau di bawah batas penanda",
        "en": "review_similarity {review} is above flag_similarity {flag}; the review band must "
        "start at or below the flag",
    },
    # the prior-innovation corpus (kipp.measures.corpus)
    "corpus.invalid": {
        "id": "korpus {path} tidak sah:\n{problems:j:\n}",
        "en": "corpus {path} is not valid:\n{problems:j:\n}",
    },
    "corpus.invalid.hint": {
        "id": "perbaiki baris yang disebut, atau jalankan tanpa --corpus untuk memakai korpus "
        "bawaan",
        "en": "fix the rows listed, or leave out --corpus to use the bundled corpus",
    },
    "corpus.not_utf8": {
        "id": "bukan teks UTF-8; simpan sebagai 'CSV UTF-8' (dipisahkan koma)",
        "en": "is not UTF-8 text; save it as 'CSV UTF-8' (comma-separated)",
    },
    "corpus.empty": {
        "id": "kosong; tulis baris judul kolom {columns}",
        "en": "is empty; write the header {columns}",
    },
    "corpus.missing_column": {
        "id": "kolom {missing} tidak ada; baris judul kolom harus menyebut kolom {columns}",
        "en": "missing column {missing}; the header row must name the columns {columns}",
    },
    "corpus.missing_columns": {
        "id": "kolom {missing} tidak ada; baris judul kolom harus menyebut kolom {columns}",
        "en": "missing columns {missing}; the header row must name the columns {columns}",
    },
    "corpus.fields": {
        "id": "{count:d} isian, sedangkan baris judul kolom memiliki {header:d}; apit teks yang "
        'memuat koma dengan tanda petik ganda ("...")',
        "en": "{count:d} fields, the header has {header:d}; put texts that contain commas in "
        'double quotes ("...")',
    },
    "corpus.no_rows": {
        "id": "tidak berisi baris; tambahkan satu inovasi terdahulu per baris",
        "en": "has no rows; add one prior innovation per row",
    },
    "corpus.empty_id": {
        "id": "kosong; beri setiap baris kode yang unik",
        "en": "empty; give every row a unique id",
    },
    "corpus.id_twice": {
        "id": "'{id}' sudah dipakai di baris {line:d}; kode harus unik",
        "en": "'{id}' is used already on line {line:d}; ids must be unique",
    },
    "corpus.empty_title": {
        "id": "kosong; setiap baris perlu nama inovasinya",
        "en": "empty; every row needs the innovation's name",
    },
    "corpus.year": {
        "id": "'{year}' bukan tahun; tulis empat angka dari {min:d} sampai {max:d}, mis. 2021, "
        "atau kosongkan",
        "en": "'{year}' is not a year; write four digits from {min:d} to {max:d}, e.g. 2021, or "
        "leave it empty",
    },
    # assigning reviewers (kipp.assignment)
    "assign.hint": {
        "id": "tambahkan juri dari instansi lain, kurangi --per-proposal, atau hapus konflik "
        "yang keliru dinyatakan",
        "en": "add reviewers from other agencies, lower --per-proposal, or drop conflicts that "
        "were declared by mistake",
    },
    "assign.per_proposal": {
        "id": "--per-proposal bernilai {count:d}; berikan 1 atau lebih",
        "en": "--per-proposal is {count:d}; give 1 or more",
    },
    "assign.short": {
        "id": "tidak dapat menugaskan juri: {items:j:; }",
        "en": "cannot assign reviewers: {items:j:; }",
    },
    "assign.short.item": {
        "id": "proposal '{id}' ({agency}) hanya memiliki {free:p:juri} yang boleh menilai dari "
        "{reviewers:d}; perlu {needed:d}",
        "en": "proposal '{id}' ({agency}) has {free:p:eligible reviewer/eligible reviewers} of "
        "{reviewers:d}; {needed:d} needed",
    },
    "assign.short.item_why": {
        "id": "proposal '{id}' ({agency}) hanya memiliki {free:p:juri} yang boleh menilai dari "
        "{reviewers:d} ({why}); perlu {needed:d}",
        "en": "proposal '{id}' ({agency}) has {free:p:eligible reviewer/eligible reviewers} of "
        "{reviewers:d} ({why}); {needed:d} needed",
    },
    "assign.why.agency": {
        "id": "{count:d} bekerja di {agency}",
        "en": "{count:d} work at {agency}",
    },
    "assign.why.declared": {
        "id": "{count:d} menyatakan konflik kepentingan",
        "en": "{count:d} declared a conflict",
    },
    "assign.balance.narrow": {
        "id": "beban tidak dapat diseimbangkan: {proposals:d} proposal x {per_proposal:d} = "
        "{total:d} penilaian oleh {reviewers:d} juri berarti masing-masing {low:d} sampai "
        "{high:d}, tetapi {narrow:j:; } (instansi sendiri atau konflik yang dinyatakan)",
        "en": "cannot balance the loads: {proposals:d} proposals x {per_proposal:d} = "
        "{total:d} reviews over {reviewers:d} reviewers means {low:d} to {high:d} each, but "
        "{narrow:j:; } (own agency or declared conflicts)",
    },
    "assign.balance.none": {
        "id": "beban tidak dapat diseimbangkan: {proposals:d} proposal x {per_proposal:d} = "
        "{total:d} penilaian oleh {reviewers:d} juri berarti masing-masing {low:d} sampai "
        "{high:d}, tetapi instansi dan konflik yang ada tidak memungkinkan penugasan seperti itu",
        "en": "cannot balance the loads: {proposals:d} proposals x {per_proposal:d} = "
        "{total:d} reviews over {reviewers:d} reviewers means {low:d} to {high:d} each, but "
        "the agencies and conflicts leave no such assignment",
    },
    "assign.narrow.item": {
        "id": "juri '{id}' hanya boleh menilai {count:d} proposal",
        "en": "reviewer '{id}' may review only {count:d} of the proposals",
    },
    "assign.sheets_exist": {
        "id": "{folder} sudah berisi lembar penilaian ({count:d}, mis. {example})",
        "en": "{folder} already holds scoresheets ({count:d}, e.g. {example})",
    },
    "assign.sheets_exist.hint": {
        "id": "jaga lembar yang sudah diisi: sebutkan --out lain, atau --force untuk menimpanya",
        "en": "keep completed sheets safe: give another --out, or --force to overwrite",
    },
}
