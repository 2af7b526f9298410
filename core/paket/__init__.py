"""Shipping signed packages to an office with no internet: signed indexes, trusted keys, offline installs."""
