"""The pilot preset `nagari-percontohan` (Nagari Situjuah Gadang) as a package: its folder is the preset.

Registered through the entry-point group `balai.presets` (pyproject.toml); the engine reads preset.toml and the
data beside this file, so the package holds no code.
"""
