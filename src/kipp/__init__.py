"""kipp: from a folder of public-service innovation proposals to a ranked, explained shortlist."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kipp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
