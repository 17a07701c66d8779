"""Human reviewers in the loop: the panel, assignment, scoresheets, ingest, aggregation and
rank uncertainty. Import the modules directly (`kipp.reviews.ingest`, ...): scoring depends
on `kipp.reviews.models`, and this package stays import-light to keep that one-way."""
