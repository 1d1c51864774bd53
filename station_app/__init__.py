"""Donation Station Desk: the program that runs at a community charity donation station."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("donation-station-desk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
