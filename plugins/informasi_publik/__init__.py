"""Regulations, public information (PPID) and the letter registers of the nagari office (issue 23)."""
